package io.pitwall.publisher.rmonitor;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The RMonitor record layouts of specs/NOTES.md as patterns, so tests check every record a receiver
 * gets against the layout rather than against our own formatter.
 */
public final class RMonitorLayouts {

    private static final String S = "\"[^\"\\r\\n]*\"";
    private static final String N = "-?\\d+";
    private static final String T = "\"\\d{2,}:\\d{2}:\\d{2}\\.\\d{3}\"";
    private static final String CLOCK = "\"\\d{2,}:\\d{2}:\\d{2}\"";

    public static final Map<String, Pattern> LAYOUTS = Map.of(
            "$I", Pattern.compile("\\$I," + CLOCK + "," + S),
            "$A", Pattern.compile("\\$A," + S + "," + S + "," + N + "," + S + "," + S + "," + S + "," + N),
            "$COMP", Pattern.compile("\\$COMP," + S + "," + S + "," + N + "," + S + "," + S + "," + S + "," + S),
            "$B", Pattern.compile("\\$B," + N + "," + S),
            "$C", Pattern.compile("\\$C," + N + "," + S),
            "$F", Pattern.compile("\\$F," + N + "," + CLOCK + "," + CLOCK + "," + CLOCK
                    + ",\"(Green |Yellow|Red   |Finish|      )\""),
            "$G", Pattern.compile("\\$G," + N + "," + S + "," + N + "," + T),
            "$H", Pattern.compile("\\$H," + N + "," + S + "," + N + "," + T),
            "$J", Pattern.compile("\\$J," + S + "," + T + "," + T));

    private RMonitorLayouts() {
    }

    public static String type(String record) {
        int comma = record.indexOf(',');
        return comma < 0 ? record : record.substring(0, comma);
    }

    /** True when the record is one of the known types and matches its layout exactly. */
    public static boolean valid(String record) {
        Pattern p = LAYOUTS.get(type(record));
        return p != null && p.matcher(record).matches();
    }

    /** The fields of a record, quotes removed. */
    public static String[] fields(String record) {
        String[] parts = record.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].replace("\"", "");
        }
        return parts;
    }
}
