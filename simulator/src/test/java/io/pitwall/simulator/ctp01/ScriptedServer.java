package io.pitwall.simulator.ctp01;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A CTP01 server played line by line by a test, on a loopback socket. Deliberately dumb: it reads
 * raw bytes so the test sees exactly what the simulated box wrote.
 */
final class ScriptedServer implements AutoCloseable {

    private static final int TIMEOUT_MS = 10_000;
    private final ServerSocket socket;

    ScriptedServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(TIMEOUT_MS);
    }

    int port() {
        return socket.getLocalPort();
    }

    Peer accept() throws IOException {
        Socket connection = socket.accept();
        connection.setSoTimeout(TIMEOUT_MS);
        return new Peer(connection);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One accepted client connection. */
    static final class Peer implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** Reads the client's greeting and answers with a server greeting and these request lines. */
        String handshake(String... requests) throws IOException {
            String greeting = readLine();
            send("ScriptedServer~1.0~" + requests.length);
            send(requests);
            return greeting;
        }

        void send(String... lines) throws IOException {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append("\r\n");
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The next line with its terminator (LF or CR LF) removed; fails if it lacks one. */
        String readLine() throws IOException {
            String raw = readRawLine();
            if (!raw.endsWith("\n")) {
                throw new IOException("connection ended inside a line: " + raw);
            }
            return raw.endsWith("\r\n") ? raw.substring(0, raw.length() - 2) : raw.substring(0, raw.length() - 1);
        }

        /** Bytes up to and including the next LF, or up to the end of the stream. */
        String readRawLine() throws IOException {
            return new String(readRawBytes(), StandardCharsets.UTF_8);
        }

        byte[] readRawBytes() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return line.toByteArray();
        }

        /** True if nothing arrives for {@code millis}. */
        boolean silentFor(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                int b = in.read();
                if (b >= 0) {
                    throw new AssertionError("expected silence, got byte " + b + " then " + readRawLine());
                }
                return false;
            } catch (SocketTimeoutException expected) {
                return true;
            } finally {
                socket.setSoTimeout(TIMEOUT_MS);
            }
        }

        /** True if the client closed the connection (after any bytes still buffered). */
        boolean closedByClient() throws IOException {
            return in.read() < 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
