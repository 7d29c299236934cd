package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The pace of requested commits: live results only, at most one request per interval and stream thread. */
class LiveCommitsTest {

    private static final long NOW = 1_779_022_800_000L;

    private final LiveCommits commits = new LiveCommits(Duration.ofMillis(20), Duration.ofSeconds(1));

    @Test
    void shouldRequestACommitForALiveResultAtOnce() {
        commits.forwarded(NOW - 3, NOW);

        assertThat(commits.requestDue(NOW)).isTrue();
        assertThat(commits.requestDue(NOW + 100)).as("nothing waits any more").isFalse();
    }

    @Test
    void shouldLeaveResultsOfABacklogToTheCommitInterval() {
        commits.forwarded(NOW - 1_001, NOW);

        assertThat(commits.requestDue(NOW)).isFalse();
        assertThat(commits.requestDue(NOW + 60_000)).isFalse();
    }

    @Test
    void shouldRequestAtMostOncePerIntervalAndThenTheOwedOne() {
        commits.forwarded(NOW, NOW);
        assertThat(commits.requestDue(NOW)).isTrue();

        commits.forwarded(NOW + 5, NOW + 5);
        assertThat(commits.requestDue(NOW + 5)).isFalse();
        assertThat(commits.requestDue(NOW + 19)).isFalse();
        assertThat(commits.requestDue(NOW + 20)).as("the result of +5 ms, once the interval has passed").isTrue();
    }

    @Test
    void shouldPaceTasksOfOneThreadTogether() {
        // two tasks' processors on one stream thread: Kafka Streams commits both in one transaction
        commits.forwarded(NOW, NOW);
        assertThat(commits.requestDue(NOW)).isTrue();
        commits.forwarded(NOW + 1, NOW + 1);

        assertThat(commits.requestDue(NOW + 1)).as("the other task, a millisecond later").isFalse();
    }

    @Test
    void shouldPaceEachStreamThreadOnItsOwn() throws Exception {
        commits.forwarded(NOW, NOW);
        assertThat(commits.requestDue(NOW)).isTrue();

        boolean otherThread = CompletableFuture.supplyAsync(() -> {
            commits.forwarded(NOW + 1, NOW + 1);
            return commits.requestDue(NOW + 1);
        }).get();

        assertThat(otherThread).as("another thread's transaction is not committed by this thread's request").isTrue();
    }

    @Test
    void shouldRequestNothingWhenTurnedOff() {
        LiveCommits off = new LiveCommits(Duration.ZERO, Duration.ofSeconds(1));
        off.forwarded(NOW, NOW);

        assertThat(off.enabled()).isFalse();
        assertThat(off.requestDue(NOW)).isFalse();
    }

    @Test
    void shouldRefuseNegativeDurations() {
        assertThatThrownBy(() -> new LiveCommits(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
