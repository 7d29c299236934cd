package io.pitwall.ingest.lapsnapper.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetProgressTest {

    final TopicPartition p0 = new TopicPartition("timing.commands", 0);
    final TopicPartition p1 = new TopicPartition("timing.commands", 1);
    final OffsetProgress progress = new OffsetProgress();

    @Test
    void theCommitNeverPassesACommandStillWaitingForItsDecoder() {
        for (long offset = 10; offset < 15; offset++) {
            progress.fetched(p0, offset);
        }
        progress.done(p0, 10);
        progress.done(p0, 11);
        progress.done(p0, 13); // 12 waits for a disconnected decoder
        progress.fetched(p1, 3);
        progress.done(p1, 3);

        assertThat(progress.toCommit()).isEqualTo(Map.of(p0, new OffsetAndMetadata(12), p1, new OffsetAndMetadata(4)));
        progress.committed(progress.toCommit());
        assertThat(progress.toCommit()).as("nothing moved").isEmpty();

        progress.done(p0, 12);
        assertThat(progress.toCommit()).isEqualTo(Map.of(p0, new OffsetAndMetadata(14)));
        progress.done(p0, 14);
        assertThat(progress.toCommit()).isEqualTo(Map.of(p0, new OffsetAndMetadata(15)));
    }

    @Test
    void revokedPartitionsAreForgotten() {
        progress.fetched(p0, 1);
        progress.revoked(List.of(p0));
        assertThat(progress.toCommit()).isEmpty();
    }
}
