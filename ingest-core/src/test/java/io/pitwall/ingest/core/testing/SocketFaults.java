package io.pitwall.ingest.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a misbehaving peer does to a TCP server, on real sockets: connection storms, a peer that stalls
 * half-way through a message, one that writes a byte at a time, and one that goes silent without closing
 * (as a peer that lost power or network does: no FIN, nothing more ever arrives).
 */
public final class SocketFaults {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private SocketFaults() {
    }

    /** What a storm did: connections made, refused or timed out, and how fast. */
    public record StormReport(int attempted, int connected, int failed, Duration elapsed) {
        public double connectsPerSecond() {
            return connected / Math.max(0.001, elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%d/%d connections in %d ms (%.0f/s), %d failed", connected, attempted,
                    elapsed.toMillis(), connectsPerSecond(), failed);
        }
    }

    /**
     * Opens {@code connections} connections as fast as {@code parallelism} threads can and drops each at once.
     * Connection {@code i} first writes {@code openings.get(i % openings.size())} (an empty array writes
     * nothing: connect and drop), and every third one is dropped with a reset (SO_LINGER 0) instead of a FIN.
     */
    public static StormReport storm(InetSocketAddress target, int connections, List<byte[]> openings, int parallelism)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < parallelism; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < connections; i = next.getAndIncrement()) {
                        if (connectAndDrop(target, openings.get(i % openings.size()), i % 3 == 0)) {
                            connected.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("storm worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new StormReport(connections, connected.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static boolean connectAndDrop(InetSocketAddress target, byte[] opening, boolean reset) {
        try (Socket socket = new Socket()) {
            socket.connect(target, CONNECT_TIMEOUT_MILLIS);
            if (opening.length > 0) {
                socket.getOutputStream().write(opening);
            }
            if (reset) {
                socket.setSoLinger(true, 0);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Connects, writes {@code opening} (part of a message, or nothing) and then neither writes nor closes. */
    public static Socket stall(InetSocketAddress target, byte[] opening) throws IOException {
        Socket socket = new Socket();
        socket.connect(target, CONNECT_TIMEOUT_MILLIS);
        if (opening.length > 0) {
            socket.getOutputStream().write(opening);
            socket.getOutputStream().flush();
        }
        return socket;
    }

    /** Writes {@code bytes} one byte per write, pausing {@code pause} after each. */
    public static void writeSlowly(OutputStream out, byte[] bytes, Duration pause) throws IOException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            sleep(pause);
        }
    }

    /**
     * A slow-loris peer: writes {@code filler} one byte per {@code pause}, never finishing a message, so a
     * read-idle timeout never fires and only a deadline on the whole exchange can free the connection.
     *
     * @return how long until the server closed it, or {@code null} if it was still open after {@code within}
     */
    public static Duration trickleUntilClosed(Socket socket, byte filler, Duration pause, Duration within)
            throws IOException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < within.toNanos()) {
            try {
                socket.getOutputStream().write(filler);
                socket.getOutputStream().flush();
            } catch (IOException closed) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (awaitClosedByServer(socket, pause) != null) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
        }
        return null;
    }

    /**
     * Reads and discards what the server sends until it closes the connection (end of stream or reset) or
     * {@code within} passes. A silent peer never answers, so the server has only its own timeout to notice.
     *
     * @return how long the server took to close it, or {@code null} if it was still open at the end
     */
    public static Duration awaitClosedByServer(Socket socket, Duration within) throws IOException {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[4096];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                if (in.read(sink) < 0) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (SocketTimeoutException stillOpen) {
                // keep waiting
            } catch (IOException reset) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
        }
        return null;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing slowly", e);
        }
    }
}
