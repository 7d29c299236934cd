package io.pitwall.publisher.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A WebSocket client on a plain blocking socket that hands back every frame exactly as it came off the
 * wire: RSV1, opcode and payload bytes, nothing inflated or decoded. For byte-level checks of what the
 * publisher sends; the other tests use a real client library ({@link T71TestClient}).
 */
final class RawWebSocket implements AutoCloseable {

    /** One frame as received. */
    record WireFrame(boolean rsv1, int opcode, byte[] payload) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final String extensions;

    private RawWebSocket(Socket socket, DataInputStream in, String extensions) {
        this.socket = socket;
        this.in = in;
        this.extensions = extensions;
    }

    /** @param offer the Sec-WebSocket-Extensions request header, or null to offer none */
    static RawWebSocket connect(String url, String offer) throws IOException {
        URI uri = URI.create(url);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + (offer == null ? "" : "Sec-WebSocket-Extensions: " + offer + "\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + status);
        }
        String extensions = null;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-extensions")) {
                extensions = header.substring(colon + 1).trim();
            }
        }
        return new RawWebSocket(socket, in, extensions);
    }

    /** The Sec-WebSocket-Extensions response header, null when the server agreed to none. */
    String extensions() {
        return extensions;
    }

    /** The next data frame (pings and pongs skipped). */
    WireFrame next() throws IOException {
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            if ((b1 & 0x80) != 0) {
                throw new IOException("a server must not mask its frames");
            }
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            int opcode = b0 & 0x0f;
            if (opcode != 0x9 && opcode != 0xA) {
                return new WireFrame((b0 & 0x40) != 0, opcode, payload);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed during the handshake");
            }
            if (c != '\r') {
                buf.write(c);
            }
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
