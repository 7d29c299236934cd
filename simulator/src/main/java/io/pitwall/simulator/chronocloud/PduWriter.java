package io.pitwall.simulator.chronocloud;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes ChronoCloud 2 PDUs as ChronoFly sends them: an envelope with {@code station},
 * {@code competition}, {@code signature}, {@code sent} and the {@code data} object; every value a JSON
 * string. The members appear in the document's order. {@code data} is rendered first, signed, and then
 * embedded byte for byte, so the signature covers exactly what the receiver sees.
 */
final class PduWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final String station;
    private final String competition;
    private final ZoneId zone;
    private final TimeStyle timeStyle;
    private final PduSigner signer;

    PduWriter(String station, String competition, ZoneId zone, TimeStyle timeStyle, PduSigner signer) {
        this.station = station;
        this.competition = competition;
        this.zone = zone;
        this.timeStyle = timeStyle;
        this.signer = signer;
    }

    String passing(StoredPassing p, Instant sent) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("event", "passing");
        data.put("id", Long.toString(p.id()));
        data.put("type", p.stationType());
        data.put("round", p.round());
        data.put("time", time(p.time()));
        // the time-check time of the example is the passing time cut to the minute
        data.put("tctime", time(p.time().truncatedTo(ChronoUnit.MINUTES)));
        data.put("transponder", p.transponder());
        data.put("hits", Integer.toString(p.hits()));
        data.put("lap", Integer.toString(p.lap()));
        return envelope(data, sent);
    }

    String connected(long id, String version, Instant sent) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("event", "connected");
        data.put("id", Long.toString(id));
        data.put("version", version);
        return envelope(data, sent);
    }

    String keepalive(long id, Instant sent) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("event", "keepalive");
        data.put("id", Long.toString(id));
        return envelope(data, sent);
    }

    String malfunction(Malfunction malfunction, Instant sent) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("event", "malfunction");
        data.put("message", malfunction.message());
        data.put("message2", malfunction.message2());
        data.put("type", malfunction.type());
        return envelope(data, sent);
    }

    private String time(Instant t) {
        return timeStyle.format(t, zone);
    }

    private String envelope(Map<String, String> data, Instant sent) {
        String dataJson = write(gen -> {
            gen.writeStartObject();
            for (Map.Entry<String, String> e : data.entrySet()) {
                gen.writeStringField(e.getKey(), e.getValue());
            }
            gen.writeEndObject();
        });
        String signature = signer.sign(dataJson);
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("station", station);
            gen.writeStringField("competition", competition);
            gen.writeStringField("signature", signature);
            gen.writeStringField("sent", time(sent));
            gen.writeFieldName("data");
            gen.writeRawValue(dataJson);
            gen.writeEndObject();
        });
    }

    private interface JsonBody {
        void write(JsonGenerator gen) throws IOException;
    }

    private static String write(JsonBody body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            body.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
