package io.pitwall.simulator.lapsnapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A plain blocking-socket LapSnapper client that builds and parses frames by hand. */
final class RawClient implements AutoCloseable {

    static final String HELLO =
            "{\"messageHeader\":{\"messageID\":6000,\"lapSnapperProductID\":1000000,\"serverVersion\":520000},"
                    + "\"password\":[1,2,3,4]}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = socket.getOutputStream();
    }

    /** A frame as received: id and parsed JSON (null when the payload is not JSON). */
    record Frame(int id, byte[] payload, JsonNode json) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    static byte[] frame(int id, String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(6 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) id).putInt(payload.length).put(payload).array();
    }

    static String header(int id) {
        return "{\"messageHeader\":{\"messageID\":" + id + ",\"lapSnapperProductID\":1000000,\"serverVersion\":520000}";
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(int id, String json) throws IOException {
        send(frame(id, json));
    }

    /** Handshakes and returns the 6001 reply. */
    Frame handshake() throws IOException {
        send(6000, HELLO);
        return read();
    }

    Frame read() throws IOException {
        byte[] header = new byte[6];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int id = Short.toUnsignedInt(h.getShort());
        int length = h.getInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (IOException notJson) {
            json = null;
        }
        return new Frame(id, payload, json);
    }

    /** The next frame that is not a heartbeat. */
    Frame readSkippingHeartbeats() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.id() != 6003) {
                return frame;
            }
        }
    }

    /** True when nothing at all arrives within {@code millis}; consumes nothing. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        in.mark(1);
        try {
            int b = in.read();
            in.reset();
            if (b < 0) {
                throw new EOFException("closed instead of silent");
            }
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    /** True when the server closes or resets the connection (skipping whatever it still sends). */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
