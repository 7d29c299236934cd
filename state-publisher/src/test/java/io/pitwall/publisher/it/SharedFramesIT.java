package io.pitwall.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.it.RawWebSocket.WireFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Serialize once, compress once, share the bytes", checked on the wire: every client that negotiated
 * permessage-deflate receives byte-identical compressed frames, every other client byte-identical plain
 * frames, and a standard inflater — with or without keeping its window between messages — turns the
 * compressed payload back into exactly the plain one.
 */
@ExtendWith(KafkaClusterExtension.class)
class SharedFramesIT {

    private static final String UUID = "5a1e0b6f2c3d4e5f8a9b0c1d2e3f4a5b";
    /** RFC 7692 §7.2.2: the receiver appends the tail the sender removed. */
    private static final byte[] DEFLATE_TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final ObjectNode base = Fixtures.withFlag(Fixtures.state(Fixtures.LM24), "green");

    private ObjectNode stateAt(int n) {
        return Fixtures.advanced(base, n, 1_700_000_000_000L + n * 100L);
    }

    @Test
    void everyClientGetsTheSameFrameBytesAndTheCompressedOnesInflateToThePlainOnes(KafkaCluster cluster)
            throws Exception {
        try (PublisherHarness h = new PublisherHarness(cluster, "shared")) {
            h.sendManifest(UUID, Fixtures.manifest(Fixtures.LM24, UUID, "Shared frames"));
            h.sendState(UUID, stateAt(0));
            h.start();
            String url = h.wsUrl("/t71/" + UUID);
            try (RawWebSocket browser = RawWebSocket.connect(url, "permessage-deflate; client_max_window_bits");
                 RawWebSocket asksNoContext = RawWebSocket.connect(url,
                         "permessage-deflate; server_no_context_takeover; client_no_context_takeover");
                 RawWebSocket plain = RawWebSocket.connect(url, null);
                 RawWebSocket plainToo = RawWebSocket.connect(url, null);
                 RawWebSocket smallWindow = RawWebSocket.connect(url, "permessage-deflate; server_max_window_bits=10")) {
                assertThat(browser.extensions()).startsWith("permessage-deflate").contains("server_no_context_takeover");
                assertThat(asksNoContext.extensions()).startsWith("permessage-deflate").contains("server_no_context_takeover");
                assertThat(plain.extensions()).isNull();
                assertThat(smallWindow.extensions()).as("a window we cannot honour: declined, plain frames").isNull();
                List<RawWebSocket> all = List.of(browser, asksNoContext, plain, plainToo, smallWindow);

                // the snapshot on joining (manifest, state), then live changes in lockstep so none is conflated
                List<List<WireFrame>> got = new ArrayList<>();
                all.forEach(c -> got.add(new ArrayList<>()));
                readOneEach(all, got);
                readOneEach(all, got);
                for (int i = 1; i <= 3; i++) {
                    h.sendState(UUID, stateAt(i));
                    readOneEach(all, got);
                }

                Inflater keepsWindow = new Inflater(true);
                for (int m = 0; m < 5; m++) {
                    WireFrame compressed = got.get(0).get(m);
                    WireFrame uncompressed = got.get(2).get(m);
                    assertThat(compressed.rsv1()).as("message %d compressed", m).isTrue();
                    assertThat(compressed.opcode()).isEqualTo(0x1);
                    assertThat(got.get(1).get(m).payload()).as("message %d, second deflate client", m)
                            .isEqualTo(compressed.payload());
                    assertThat(uncompressed.rsv1()).isFalse();
                    assertThat(got.get(3).get(m).payload()).as("message %d, second plain client", m)
                            .isEqualTo(uncompressed.payload());
                    assertThat(got.get(4).get(m).payload()).as("message %d, declined deflate", m)
                            .isEqualTo(uncompressed.payload());

                    Inflater fresh = new Inflater(true);
                    assertThat(inflate(fresh, compressed.payload())).isEqualTo(uncompressed.payload());
                    fresh.end();
                    assertThat(inflate(keepsWindow, compressed.payload())).as("client keeping its window")
                            .isEqualTo(uncompressed.payload());
                    assertThat(compressed.payload().length).isLessThan(uncompressed.payload().length);
                }
                keepsWindow.end();
                assertThat(got.get(0).get(4).payload().length).as("a 60-car state compresses well")
                        .isLessThan(got.get(2).get(4).payload().length / 2);

                JsonNode last = Fixtures.parse(new String(got.get(2).get(4).payload(), StandardCharsets.UTF_8));
                assertThat(last.path("type").asText()).isEqualTo("STATE_UPDATE");
                assertThat(last.path("state")).isEqualTo(stateAt(3));
                JsonNode first = Fixtures.parse(new String(got.get(2).get(0).payload(), StandardCharsets.UTF_8));
                assertThat(first.path("type").asText()).isEqualTo("MANIFEST_UPDATE");
            }
        }
    }

    private static void readOneEach(List<RawWebSocket> clients, List<List<WireFrame>> got) throws Exception {
        for (int c = 0; c < clients.size(); c++) {
            got.get(c).add(clients.get(c).next());
        }
    }

    private static byte[] inflate(Inflater inflater, byte[] payload) throws DataFormatException {
        byte[] input = new byte[payload.length + DEFLATE_TAIL.length];
        System.arraycopy(payload, 0, input, 0, payload.length);
        System.arraycopy(DEFLATE_TAIL, 0, input, payload.length, DEFLATE_TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16384];
        while (true) {
            int n = inflater.inflate(chunk);
            out.write(chunk, 0, n);
            if (n == 0 && inflater.needsInput()) {
                return out.toByteArray();
            }
        }
    }
}
