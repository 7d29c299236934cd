package io.pitwall.launcher.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.processor.timing.SessionSnapshot;
import io.pitwall.processor.timing71.Timing71Json;
import io.pitwall.processor.timing71.Timing71Message;
import io.pitwall.processor.timing71.Timing71Service;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A session as a Timing71 replay file: a ZIP of {@code manifest.json} (the service manifest with {@code startTime}
 * = the first frame, unix seconds, and {@code version} 1), a full-state keyframe {@code %011d.json} every
 * {@value #KEYFRAME_EVERY} frames and intra frames {@code %011di.json} between them, one frame per second of
 * session time, named by the frame's unix second.
 *
 * <p>The frames come from the timing engine run again over the session's inputs with its clock stepped one second
 * at a time ({@link SessionRerun}): {@code timing71.states} is compacted and keeps only the last state. An intra
 * frame is {@code {"cars": diff, "session": diff, "messages": [new messages, newest first], "highlight": [...]}}
 * with diffs against the previous frame ({@link JsonDiff}).
 */
public final class ReplayExport {

    public static final int KEYFRAME_EVERY = 10;
    public static final List<String> DEFAULT_SOURCE = List.of("Pitwall", "");

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH-mm")
            .withZone(ZoneOffset.UTC);

    /**
     * @param frames      how many frames were written
     * @param firstFrame  the first frame's time (the manifest's startTime)
     * @param finalState  the last frame's full state
     */
    public record Written(int frames, int keyframes, Instant firstFrame, Instant lastFrame, ObjectNode manifest,
                          ObjectNode finalState) {
    }

    private ReplayExport() {
    }

    /** The replay's file name: {@code YYYY-MM-DD HH-mm <name> - <description>.zip}, UTC, no path separators. */
    public static String fileName(RecordedSession recorded) {
        Instant first = firstFrame(new SessionRerun(recorded));
        String title = recorded.config().getName() + " - " + recorded.config().getDescription();
        return FILE_TIME.format(first) + " " + title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_") + ".zip";
    }

    /**
     * Writes the replay ZIP to {@code out} (not closed).
     *
     * @param publishedManifest the manifest the lap processor published, used as is when present
     */
    public static Written write(RecordedSession recorded, Optional<String> publishedManifest, OutputStream out)
            throws IOException {
        SessionRerun rerun = new SessionRerun(recorded);
        Instant first = firstFrame(rerun);
        Instant last = rerun.lastInput().truncatedTo(ChronoUnit.SECONDS);
        if (last.isBefore(rerun.lastInput())) {
            last = last.plusSeconds(1);
        }
        ObjectNode manifest = manifest(recorded, publishedManifest, first);
        ZipOutputStream zip = new ZipOutputStream(out);
        entry(zip, "manifest.json", manifest);
        JsonNode previous = null;
        int frames = 0;
        int keyframes = 0;
        ObjectNode state = null;
        for (Instant t = first; !t.isAfter(last); t = t.plusSeconds(1)) {
            rerun.advanceTo(t);
            SessionSnapshot snapshot = rerun.snapshot(t);
            state = rerun.render(snapshot);
            long second = t.getEpochSecond();
            if (frames % KEYFRAME_EVERY == 0) {
                entry(zip, String.format("%011d.json", second), state);
                keyframes++;
            } else {
                entry(zip, String.format("%011di.json", second), intraFrame(previous, state, rerun));
            }
            previous = state;
            frames++;
        }
        zip.finish();
        return new Written(frames, keyframes, first, last, manifest, state);
    }

    private static ObjectNode intraFrame(JsonNode previous, ObjectNode state, SessionRerun rerun) {
        ObjectNode frame = Timing71Json.NODES.objectNode();
        frame.set("cars", JsonDiff.diff(previous.get("cars"), state.get("cars")));
        frame.set("session", JsonDiff.diff(previous.get("session"), state.get("session")));
        List<Timing71Message> fresh = new ArrayList<>(rerun.freshMessages());
        Collections.reverse(fresh);
        ArrayNode messages = frame.putArray("messages");
        fresh.forEach(m -> messages.add(m.toJson()));
        frame.set("highlight", state.get("highlight").deepCopy());
        return frame;
    }

    /** The first frame: the second of the session's first input (a START, or the first crossing). */
    private static Instant firstFrame(SessionRerun rerun) {
        return rerun.firstInput().truncatedTo(ChronoUnit.SECONDS);
    }

    private static ObjectNode manifest(RecordedSession recorded, Optional<String> published, Instant first)
            throws IOException {
        ObjectNode manifest;
        if (published.isPresent()) {
            manifest = (ObjectNode) Timing71Json.MAPPER.readTree(published.get());
        } else {
            SessionRerun probe = new SessionRerun(recorded);
            probe.advanceToEnd();
            manifest = Timing71Service.manifest(probe.snapshot(probe.lastInput()), DEFAULT_SOURCE);
        }
        manifest.put("startTime", first.getEpochSecond());
        manifest.put("version", 1);
        return manifest;
    }

    private static void entry(ZipOutputStream zip, String name, JsonNode json) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(Timing71Json.MAPPER.writeValueAsBytes(json));
        zip.closeEntry();
    }
}
