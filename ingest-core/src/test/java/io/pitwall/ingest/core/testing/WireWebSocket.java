package io.pitwall.ingest.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written frame by frame on a plain socket (RFC 6455), so a test controls every byte:
 * an upgrade request or a frame written a byte at a time, a connection left silent after the upgrade. Only
 * what the tests need: text frames out (masked, as a client must), text and close frames in.
 */
public final class WireWebSocket implements AutoCloseable {

    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private Duration bytePause = Duration.ZERO;

    private WireWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects without upgrading yet. */
    public static WireWebSocket connect(InetSocketAddress target) throws IOException {
        Socket socket = new Socket();
        socket.connect(target, 5_000);
        // generous: right after a storm the server may still be working through its accept queue
        socket.setSoTimeout(30_000);
        return new WireWebSocket(socket);
    }

    /** The HTTP upgrade request for {@code path}, as bytes (a storm can send part of it). */
    public static byte[] upgradeRequest(String host, String path) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** From now on every write goes out one byte at a time with this pause after each byte. */
    public WireWebSocket writingSlowly(Duration pause) {
        bytePause = pause;
        return this;
    }

    public Socket socket() {
        return socket;
    }

    /**
     * Sends the upgrade request and reads the response head.
     *
     * @return the HTTP status code of the response (101 when upgraded)
     */
    public int upgrade(String path) throws IOException {
        write(upgradeRequest(socket.getInetAddress().getHostAddress() + ":" + socket.getPort(), path));
        String head = readHead();
        String[] statusLine = head.split("\r\n", 2)[0].split(" ");
        return Integer.parseInt(statusLine[1]);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed during the HTTP response head: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
    }

    /** Sends one masked text frame. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | OPCODE_TEXT);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        } else {
            throw new IllegalArgumentException("frames over 64 KiB are not needed here");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        write(frame.toByteArray());
    }

    /**
     * The next text frame from the server (pings skipped), or {@code null} if the server closed the connection
     * (close frame, end of stream or reset).
     */
    public String nextText(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0F;
                if (opcode == OPCODE_CLOSE) {
                    return null;
                }
                if (opcode == OPCODE_TEXT) {
                    return new String(payload, StandardCharsets.UTF_8);
                }
                if (opcode != OPCODE_PING) {
                    throw new IOException("unexpected frame opcode " + opcode);
                }
            }
        } catch (EOFException | java.net.SocketException closed) {
            return null;
        }
    }

    /** Every text frame that arrives within {@code window} (fewer if the server closes first). */
    public java.util.List<String> textsWithin(Duration window) throws IOException {
        java.util.List<String> texts = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            for (long left = window.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                String text = nextText(Duration.ofMillis(left));
                if (text == null) {
                    break;
                }
                texts.add(text);
            }
        } catch (java.net.SocketTimeoutException windowOver) {
            // nothing more within the window
        }
        return texts;
    }

    private void write(byte[] bytes) throws IOException {
        if (bytePause.isZero()) {
            out.write(bytes);
            out.flush();
        } else {
            SocketFaults.writeSlowly(out, bytes, bytePause);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
