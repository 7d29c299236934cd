package io.pitwall.ingest.chronocloud.mapping;

/**
 * The {@code streamId}s of ChronoCloud events. A passing's stream is venue + station + competition +
 * round: ids restart at 0 with each round, so a round is its own numbering. Station-level statuses
 * (connected, keepalive, malfunction) use venue + station.
 *
 * <p>Parts are joined with {@code /}; a {@code /} or {@code %} inside a part is percent-encoded so
 * two different streams can never get the same id (round names are free text:
 * {@code spa/ChronoFly-12345/166656/ET 4 TC 9 Huhdanoja A}).
 */
public final class StreamIds {

    private StreamIds() {
    }

    public static String passings(String venue, String station, String competition, String round) {
        return join(venue, station, competition, round);
    }

    public static String station(String venue, String station) {
        return join(venue, station);
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (p > 0) {
                out.append('/');
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                switch (c) {
                    case '/' -> out.append("%2F");
                    case '%' -> out.append("%25");
                    default -> out.append(c);
                }
            }
        }
        return out.toString();
    }
}
