package io.pitwall.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Port handling for the embedded servers: everything binds to 127.0.0.1 only, a requested port of 0
 * means "pick a free one", and the chosen port can be recorded in the data directory so that a later
 * run on the same directory comes back on the same address (clients keep their bootstrap string).
 */
public final class Ports {

    /** The only address the embedded servers listen on. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Ports {@link #findFree} has returned in this JVM; never forgotten, since their owners may bind them late. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * Linux offers about 7,000 ports to a bind to port 0 (one parity of the lower half of 32768-60999). Even with
     * thousands of them handed out, this many repeats in a row do not happen by chance: running out means the
     * probe keeps returning the same few ports.
     */
    static final int MAX_PROBES = 200;

    private Ports() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago and that this JVM has not handed out before. The probe's
     * socket is closed before the caller binds, so the kernel may offer the same port to the next probe; a
     * test that asks for two venues' ports in a row would then give both the same one. Remembering every port
     * handed out rules that out within the JVM (not across processes, and not against an outgoing connection
     * taking the port before the caller binds it).
     *
     * @throws IllegalStateException when {@value #MAX_PROBES} probes in a row only find ports handed out already
     */
    public static int findFree() {
        return findUnused(Ports::probeFree, HANDED_OUT);
    }

    static int findUnused(IntSupplier probe, Set<Integer> handedOut) {
        int last = -1;
        for (int attempt = 0; attempt < MAX_PROBES; attempt++) {
            last = probe.getAsInt();
            if (handedOut.add(last)) {
                return last;
            }
        }
        throw new IllegalStateException("no free port on " + LOOPBACK + " that this JVM has not handed out already: "
                + MAX_PROBES + " probes in a row found only such ports (the last " + last + "; "
                + handedOut.size() + " handed out so far)");
    }

    private static int probeFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on " + LOOPBACK, e);
        }
    }

    /** True when nothing listens on 127.0.0.1:port, so that a server can bind it. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Decides the port for a start.
     *
     * @param requested      the port the caller asked for; 0 = any free port
     * @param reuseRecorded  whether a port recorded by an earlier run on the same data directory wins over a free one
     * @param recorded       the recorded port, if any
     * @param freePort       where a free port comes from
     */
    static int resolve(int requested, boolean reuseRecorded, OptionalInt recorded, IntSupplier freePort) {
        validate(requested);
        if (requested != 0) {
            return requested;
        }
        if (reuseRecorded && recorded.isPresent()) {
            return recorded.getAsInt();
        }
        return freePort.getAsInt();
    }

    static void validate(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (pick a free one) or 1..65535, was " + port);
        }
    }

    /** Reads a port recorded by {@link #record}; empty when there is none or it is unreadable. */
    static OptionalInt readRecorded(Path file) {
        if (!Files.isRegularFile(file)) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
            return port > 0 && port <= 65_535 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Records the port a server is using, atomically so that a crash never leaves half a number. */
    static void record(Path file, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, port + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record port in " + file, e);
        }
    }
}
