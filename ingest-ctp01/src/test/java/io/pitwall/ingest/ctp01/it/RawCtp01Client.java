package io.pitwall.ingest.ctp01.it;

import io.pitwall.ingest.core.testing.SocketFaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A ChronoTrack client written line by line on a plain socket, so a test can do what a real box never
 * does: replay a captured authorize line, go silent after the handshake, write a byte at a time. The
 * HMAC is computed here with the JDK, independently of the service's authenticator.
 */
final class RawCtp01Client implements AutoCloseable {

    static final String GREETING = "ChronoTrack Controller~Version 7.0~CTP01";

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final List<String> received = new ArrayList<>();
    private Duration bytePause = Duration.ZERO;

    RawCtp01Client(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    /** From now on every line is written one byte per write, with this pause after each byte. */
    RawCtp01Client writingSlowly(Duration pause) {
        bytePause = pause;
        return this;
    }

    void send(String line) throws IOException {
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
        if (bytePause.isZero()) {
            out.write(bytes);
            out.flush();
        } else {
            SocketFaults.writeSlowly(out, bytes, bytePause);
        }
    }

    /** The next line, or {@code null} when the server closed the connection. */
    String readLine() throws IOException {
        String line = in.readLine();
        if (line != null) {
            received.add(line);
        }
        return line;
    }

    List<String> received() {
        return List.copyOf(received);
    }

    /** Sends the client greeting and reads the server's: its first line and as many request lines as it announces. */
    List<String> greet() throws IOException {
        send(GREETING);
        String first = readLine();
        if (first == null) {
            throw new IOException("closed before the server greeting");
        }
        int requests = Integer.parseInt(first.substring(first.lastIndexOf('~') + 1));
        List<String> greeting = new ArrayList<>(List.of(first));
        for (int i = 0; i < requests; i++) {
            greeting.add(readLine());
        }
        return greeting;
    }

    static String seedOf(List<String> greeting) {
        return greeting.stream().filter(l -> l.startsWith("authentication-seed=")).findFirst()
                .map(l -> l.substring("authentication-seed=".length()))
                .orElseThrow(() -> new AssertionError("no authentication-seed in " + greeting));
    }

    static String hmacSha1(String password, String seed) {
        return authenticationString("hmac-sha1", password, seed);
    }

    /** What a box sends for {@code method}: HMAC keyed by the password over the seed, or hash of seed + password. */
    static String authenticationString(String method, String password, String seed) {
        try {
            return switch (method) {
                case "hmac-sha1" -> hex(hmac("HmacSHA1", password, seed));
                case "hmac-md5" -> hex(hmac("HmacMD5", password, seed));
                case "seed-sha1" -> hex(MessageDigest.getInstance("SHA-1").digest(utf8(seed + password)));
                case "seed-md5" -> hex(MessageDigest.getInstance("MD5").digest(utf8(seed + password)));
                default -> throw new IllegalArgumentException("no digest for " + method);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String algorithm, String key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(utf8(key), algorithm));
        return mac.doFinal(utf8(message));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Answers the server's identification requests (connection id, locations, event info) until it asks to
     * start a stream, then returns: from here on the client can go silent.
     */
    void answerUntilStart(String connectionId, String location) throws IOException {
        for (String line = readLine(); line != null; line = readLine()) {
            String command = line.split("~", -1)[0];
            switch (command) {
                case "getconnectionid" -> send("ack~getconnectionid~" + connectionId);
                case "getlocations" -> send("ack~getlocations~" + location);
                case "geteventinfo" -> send("ack~geteventinfo~Hostile Test~1~a test event");
                case "ping" -> send("ack~ping");
                case "start" -> {
                    send("ack~start~" + location);
                    return;
                }
                default -> {
                    // acks and anything else need no answer
                }
            }
        }
        throw new IOException("closed before the server started a stream; received " + received);
    }

    /** Reads until the server closes the connection; the lines it sent before closing. */
    List<String> readUntilClosed(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        List<String> lines = new ArrayList<>();
        try {
            for (String line = readLine(); line != null; line = readLine()) {
                lines.add(line);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + within + "; it sent " + lines);
        } catch (IOException reset) {
            // a reset is a close too
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
