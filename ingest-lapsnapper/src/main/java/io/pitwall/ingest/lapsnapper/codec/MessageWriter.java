package io.pitwall.ingest.lapsnapper.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a message as one frame. The JSON is compact and its keys come in the order the API document prints
 * them, which is what makes the document's byte-exact examples re-encode to the same bytes.
 */
final class MessageWriter {

    private MessageWriter() {
    }

    static void writeFrame(LapSnapperMessage message, ByteBuf out) {
        out.writeShortLE(message.id().code());
        int lengthIndex = out.writerIndex();
        out.writeIntLE(0);
        try (JsonGenerator json = LapSnapperJson.FACTORY.createGenerator((OutputStream) new ByteBufOutputStream(out))) {
            write(message, json);
        } catch (IOException e) {
            // ByteBufOutputStream does not fail; only an unwritable string (lone surrogate) gets here.
            throw new UncheckedIOException("cannot encode " + message.id(), e);
        }
        out.setIntLE(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    private static void write(LapSnapperMessage message, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("messageHeader");
        json.writeNumberField("messageID", message.id().code());
        json.writeNumberField("lapSnapperProductID", message.header().lapSnapperProductId());
        json.writeNumberField("serverVersion", message.header().serverVersion());
        json.writeEndObject();
        switch (message.id()) {
            case SERVER_INFO_REQUEST -> {
                json.writeArrayFieldStart("password");
                for (int value : ((ServerInfoRequest) message).password()) {
                    json.writeNumber(value);
                }
                json.writeEndArray();
            }
            case SERVER_INFO -> {
                ServerInfo m = (ServerInfo) message;
                DecoderInfo d = m.decoderInfo();
                json.writeObjectFieldStart("decoderInfo");
                json.writeNumberField("productID", d.productId());
                json.writeNumberField("versionNumber", d.versionNumber());
                json.writeNumberField("deviceType", d.deviceType());
                json.writeNumberField("deviceID", d.deviceId());
                json.writeNumberField("decoderMode", d.decoderMode());
                json.writeNumberField("decoderStatus", d.decoderStatus());
                json.writeEndObject();
                json.writeNumberField("systemState", m.systemState());
            }
            case SERVER_INFO_FAILED -> json.writeNumberField("status", ((ServerInfoFailed) message).status());
            case HEARTBEAT, GET_DECODER_TIME, DECODER_TIME_FAILED -> {
                // header only
            }
            case DECODER_TIME -> json.writeNumberField("decoderTime", ((DecoderTime) message).decoderTime());
            case TIME_EVENT -> writeTimeEvent((TimeEvent) message, json);
            case STOP_SESSION -> json.writeStringField("pinCode", ((StopSession) message).pinCode());
            case EXIT_SESSION -> json.writeStringField("pinCode", ((ExitSession) message).pinCode());
            case START_SESSION -> {
                StartSession m = (StartSession) message;
                json.writeStringField("pinCode", m.pinCode());
                writeSessionParameters(m.sessionParameters(), json);
                writeTrackSettings(m.trackSettings(), json);
            }
            case START_MATIC_STATUS -> {
                StartMaticStatus m = (StartMaticStatus) message;
                json.writeStringField("pinCode", m.pinCode());
                json.writeNumberField("startMaticStatus", m.startMaticStatus());
                json.writeNumberField("startMaticData", m.startMaticData());
                json.writeNumberField("startMaticData2", m.startMaticData2());
            }
            case SESSION_INFORMATION -> writeSessionInformation((SessionInformation) message, json);
            case RACE_TRACK_SETTINGS -> {
                RaceTrackSettings m = (RaceTrackSettings) message;
                json.writeStringField("pinCode", m.pinCode());
                writeTrackSettings(m.trackSettings(), json);
            }
        }
        json.writeEndObject();
    }

    private static void writeTimeEvent(TimeEvent m, JsonGenerator json) throws IOException {
        json.writeNumberField("transponderID", m.transponderId());
        json.writeNumberField("transponderInstance", m.transponderInstance());
        if (m.transponderName() != null) {
            json.writeStringField("transponderName", m.transponderName());
        }
        json.writeObjectFieldStart("absoluteTime");
        json.writeNumberField("timeStampID", m.absoluteTime().timeStampId());
        json.writeNumberField("absoluteTime", m.absoluteTime().absoluteTime());
        json.writeEndObject();
        if (m.lapLine() != null) {
            json.writeNumberField("lapLine", m.lapLine());
        }
    }

    private static void writeSessionParameters(SessionParameters p, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("sessionParameters");
        json.writeNumberField("sessionType", p.sessionType());
        json.writeNumberField("triggerLineCount", p.triggerLineCount());
        json.writeNumberField("startLine", p.startLine());
        json.writeNumberField("stopType", p.stopType());
        json.writeNumberField("stopValue", p.stopValue());
        json.writeBooleanField("continuousSession", p.continuousSession());
        json.writeBooleanField("personalStoppingCriteria", p.personalStoppingCriteria());
        json.writeBooleanField("resultsAreOrderedAgainstTotalTime", p.resultsAreOrderedAgainstTotalTime());
        json.writeBooleanField("sessionStopStartsWhenLeaderReachesStopValue",
                p.sessionStopStartsWhenLeaderReachesStopValue());
        json.writeEndObject();
    }

    private static void writeTrackSettings(TrackSettings t, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("trackSettings");
        json.writeBooleanField("minimumLapTimeEnabled", t.minimumLapTimeEnabled());
        json.writeNumberField("minimumLapTime", t.minimumLapTime());
        json.writeNumberField("minimumSector1Time", t.minimumSector1Time());
        json.writeNumberField("minimumSector2Time", t.minimumSector2Time());
        json.writeNumberField("minimumSector3Time", t.minimumSector3Time());
        json.writeBooleanField("maximumLapTimeEnabled", t.maximumLapTimeEnabled());
        json.writeNumberField("maximumLapTime", t.maximumLapTime());
        json.writeEndObject();
    }

    private static void writeSessionInformation(SessionInformation m, JsonGenerator json) throws IOException {
        json.writeStringField("pinCode", m.pinCode());
        json.writeObjectFieldStart("sessionInformation");
        json.writeStringField("sessionName", m.sessionName());
        json.writeBooleanField("allTranspondersActive", m.allTranspondersActive());
        json.writeArrayFieldStart("driverInformation");
        for (DriverInformation driver : m.driverInformation()) {
            json.writeStartObject();
            json.writeNumberField("driverNumber", driver.driverNumber());
            json.writeStringField("driverName", driver.driverName());
            json.writeObjectFieldStart("transponderID");
            json.writeNumberField("transponderID", driver.transponder().transponderId());
            json.writeNumberField("transponderInstance", driver.transponder().transponderInstance());
            json.writeEndObject();
            json.writeBooleanField("transponderEnabled", driver.transponderEnabled());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
