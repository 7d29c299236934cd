package io.pitwall.ingest.lapsnapper.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A LapSnapper server that misbehaves on real sockets: it accepts and never answers, answers with half a frame
 * and then nothing, or resets every connection at once. It records when connections arrive and how many the
 * ingest closed itself.
 */
final class FaultyLapSnapperServer implements AutoCloseable {

    enum Behaviour {
        /** Accepts, reads what the ingest sends, never writes. */
        SILENT,
        /** Writes the first bytes of a frame (header and two bytes of a 64-byte body), then nothing. */
        HALF_FRAME,
        /** Closes each connection at once with a reset (SO_LINGER 0). */
        RESET
    }

    /** Frame header: start byte 2, flags, body length 64 (little endian), reserved; then the start of a JSON body. */
    private static final byte[] HALF_A_FRAME = {0x02, 0x19, 0x40, 0x00, 0x00, 0x00, '{', '"'};

    private final Behaviour behaviour;
    private final ServerSocket server;
    private final List<Long> acceptedAtNanos = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedByIngest = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closing;

    FaultyLapSnapperServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "faulty-lapsnapper-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return acceptedAtNanos.size();
    }

    List<Long> acceptedAtNanos() {
        return new ArrayList<>(acceptedAtNanos);
    }

    /** Connections the ingest gave up on and closed (it noticed the fault). */
    int closedByIngest() {
        return closedByIngest.get();
    }

    private void accept() {
        while (!closing) {
            try {
                Socket socket = server.accept();
                acceptedAtNanos.add(System.nanoTime());
                switch (behaviour) {
                    case RESET -> {
                        socket.setSoLinger(true, 0);
                        socket.close();
                    }
                    case HALF_FRAME -> {
                        socket.getOutputStream().write(HALF_A_FRAME);
                        socket.getOutputStream().flush();
                        holdOpen(socket);
                    }
                    case SILENT -> holdOpen(socket);
                    default -> throw new IllegalStateException(behaviour.toString());
                }
            } catch (IOException e) {
                if (!closing) {
                    throw new IllegalStateException("faulty server failed", e);
                }
            }
        }
    }

    /** Reads and discards until the ingest closes the connection. */
    private void holdOpen(Socket socket) {
        open.add(socket);
        Thread reader = new Thread(() -> {
            try (InputStream in = socket.getInputStream()) {
                byte[] sink = new byte[1024];
                while (in.read(sink) >= 0) {
                    // discard: this server never answers
                }
                if (!closing) {
                    closedByIngest.incrementAndGet();
                }
            } catch (IOException e) {
                if (!closing) {
                    closedByIngest.incrementAndGet();
                }
            } finally {
                open.remove(socket);
            }
        }, "faulty-lapsnapper-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void close() throws IOException {
        closing = true;
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
