package io.pitwall.processor.timing71;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import io.pitwall.processor.timing.CarSnapshot;
import io.pitwall.processor.timing.SessionSnapshot;
import io.pitwall.processor.timing.classification.Gap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a Timing71 state straight to JSON text: the {@code cars} rows cell for cell in colSpec order (strings for
 * texts and car numbers, numbers for PIC/Laps/Pits, {@code [seconds, flag]} for times, "" for no time; Gap/Int as
 * "" for the leader, "1 lap"/"N laps", or seconds), the {@code session} object, the message log, the highlight and
 * {@code lastUpdated}. A live session renders a state for every passing; building a JSON tree first — a node per
 * cell, a {@code BigDecimal} per time — was the largest source of garbage per passing (its text was checked equal
 * to this writer's over generated sessions before the tree went).
 */
final class StateJsonWriter {

    private static final ThreadLocal<char[]> DIGITS =
            ThreadLocal.withInitial(() -> new char[TimeFormat.MAX_SECONDS_CHARS]);

    private StateJsonWriter() {
    }

    static String write(SessionSnapshot snapshot, Collection<Timing71Message> messagesNewestFirst,
                        Set<String> highlight) {
        SegmentedStringWriter text = new SegmentedStringWriter(Timing71Json.MAPPER.getFactory()._getBufferRecycler());
        try (JsonGenerator json = Timing71Json.MAPPER.getFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeFieldName("cars");
            cars(json, snapshot);
            json.writeFieldName("session");
            session(json, snapshot);
            json.writeArrayFieldStart("messages");
            for (Timing71Message message : messagesNewestFirst) {
                message.write(json);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("highlight");
            for (String car : highlight) {
                json.writeString(car);
            }
            json.writeEndArray();
            json.writeNumberField("lastUpdated", snapshot.nowMicros() / 1000);
            json.writeEndObject();
            json.close();
            return text.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a Timing71 state", e);
        }
    }

    private static void cars(JsonGenerator json, SessionSnapshot session) throws IOException {
        json.writeStartArray();
        int sectorColumns = Columns.sectorColumns(session.sectorCount());
        for (CarSnapshot car : session.cars()) {
            json.writeStartArray();
            json.writeString(car.carNumber());
            json.writeString(car.status().timing71());
            json.writeString(text(car.identity().className()));
            json.writeNumber(car.classPosition());
            json.writeString(text(car.identity().team()));
            json.writeString(text(car.identity().currentDriver()));
            json.writeString(text(car.identity().car()));
            json.writeNumber(car.laps());
            gap(json, car.gap());
            gap(json, car.interval());
            for (int s = 0; s < sectorColumns; s++) {
                timeCell(json, car.currentSectors().get(s), CellFlags.sector(car, session, s));
                timeCell(json, car.bestSectors().get(s), CellFlags.bestSector(car, session, s));
            }
            timeCell(json, car.lastLap() == null ? null : car.lastLap().lapTimeMicros(), CellFlags.lastLap(car, session));
            timeCell(json, car.bestLap() == null ? null : car.bestLap().lapTimeMicros(), CellFlags.bestLap(car, session));
            json.writeNumber(car.pitStops());
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    private static void session(JsonGenerator json, SessionSnapshot session) throws IOException {
        json.writeStartObject();
        json.writeStringField("flagState", session.flag().name().toLowerCase(Locale.ROOT));
        json.writeFieldName("timeElapsed");
        seconds(json, session.elapsedMicros());
        if (session.remainingMicros() != null) {
            json.writeFieldName("timeRemain");
            seconds(json, session.remainingMicros());
        }
        if (session.lapsRemaining() != null) {
            json.writeNumberField("lapsRemain", session.lapsRemaining());
        }
        json.writeArrayFieldStart("trackData");
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void gap(JsonGenerator json, Gap gap) throws IOException {
        if (gap instanceof Gap.Laps laps) {
            json.writeString(laps.laps() == 1 ? "1 lap" : laps.laps() + " laps");
        } else if (gap instanceof Gap.Time time) {
            seconds(json, time.micros());
        } else {
            json.writeString("");
        }
    }

    private static void timeCell(JsonGenerator json, Long micros, String flag) throws IOException {
        json.writeStartArray();
        if (micros == null) {
            json.writeString("");
        } else {
            seconds(json, micros);
        }
        json.writeString(flag);
        json.writeEndArray();
    }

    /** A time as its exact 3-decimal number; the digits go through one buffer per thread, not a string per cell. */
    private static void seconds(JsonGenerator json, long micros) throws IOException {
        char[] digits = DIGITS.get();
        json.writeNumber(digits, 0, TimeFormat.secondsText(micros, digits));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
