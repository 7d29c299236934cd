package io.pitwall.ingest.smartrace.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the recorded exchanges under src/test/resources (see the files' headers for the format). */
final class RecordedMessages {

    /** One message: who sent it and its exact text. */
    record Message(boolean fromSensor, String text) {
    }

    static final String DOCUMENT = "smartrace-websocket-exchange.txt";
    static final String NOTES = "protocol-notes-messages.txt";

    static List<Message> read(String resource) {
        try (InputStream in = RecordedMessages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fromSensor(String resource) {
        return read(resource).stream().filter(Message::fromSensor).map(Message::text).toList();
    }

    static List<String> fromServer(String resource) {
        return read(resource).stream().filter(m -> !m.fromSensor()).map(Message::text).toList();
    }

    private static List<Message> parse(String content) {
        List<Message> messages = new ArrayList<>();
        Boolean fromSensor = null;
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (String line : content.split("\n", -1)) {
            if (current.length() == 0) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("sensor >>> ")) {
                    fromSensor = true;
                    continue;
                }
                if (line.startsWith("smartrace >>> ")) {
                    fromSensor = false;
                    continue;
                }
            } else {
                current.append('\n');
            }
            current.append(line);
            depth += depthChange(line);
            if (depth == 0) {
                if (fromSensor == null) {
                    throw new IllegalStateException("Message before any direction line: " + current);
                }
                messages.add(new Message(fromSensor, current.toString()));
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            throw new IllegalStateException("Unbalanced message at end: " + current);
        }
        return messages;
    }

    // braces inside strings do not occur in the recordings except within quotes, which are skipped
    private static int depthChange(String line) {
        int change = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                change++;
            } else if (!quoted && c == '}') {
                change--;
            }
        }
        return change;
    }

    private RecordedMessages() {
    }
}
