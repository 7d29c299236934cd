package io.pitwall.schemas.catalog;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the catalogue as the Markdown table the README shows to analytics consumers. */
public final class TopicTable {

    private TopicTable() {
    }

    public static String markdown(List<TopicSpec> topics) {
        String header = "| topic | key | value | partitions | cleanup | retention | what flows |\n"
                + "|---|---|---|---|---|---|---|\n";
        return header + topics.stream().map(TopicTable::row).collect(Collectors.joining("\n")) + "\n";
    }

    private static String row(TopicSpec t) {
        String value = (t.format() == ValueFormat.AVRO ? "Avro `" + t.valueType() + "`" : "JSON " + t.valueType());
        return "| `" + t.name() + "` | " + t.key() + " | " + value + " | " + t.partitions() + " | "
                + t.cleanup().kafkaName() + " | " + retention(t) + " | " + t.description() + " |";
    }

    private static String retention(TopicSpec t) {
        if (t.cleanup() == CleanupPolicy.COMPACT || t.retention() == null) {
            return "unlimited";
        }
        Duration r = t.retention();
        return r.toDays() > 0 && r.toHours() % 24 == 0 ? r.toDays() + " days" : r.toHours() + " hours";
    }
}
