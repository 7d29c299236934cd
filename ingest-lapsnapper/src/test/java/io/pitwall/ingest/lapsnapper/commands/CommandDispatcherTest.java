package io.pitwall.ingest.lapsnapper.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DecoderCommandKind;
import io.pitwall.ingest.lapsnapper.DecoderServer;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperMessage;
import io.pitwall.ingest.lapsnapper.codec.StopSession;
import io.pitwall.ingest.lapsnapper.stream.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {

    static final long NOW = Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();

    final AtomicLong clock = new AtomicLong(NOW);
    final List<String> reports = new ArrayList<>();
    final FakeTarget spa1 = new FakeTarget("spa", "10.0.0.1", Optional.of("1234"));
    final FakeTarget spa2 = new FakeTarget("spa", "10.0.0.2", Optional.of("1234"));
    final FakeTarget monza = new FakeTarget("monza", "10.0.0.3", Optional.empty());
    final CommandDispatcher dispatcher = new CommandDispatcher(List.of(spa1, spa2, monza), 520_000,
            Duration.ofMinutes(2), clock::get,
            (command, stream, result, message) -> reports.add(command.getCommandId() + " " + stream + " " + result));
    final AtomicInteger finished = new AtomicInteger();

    @AfterEach
    void close() {
        dispatcher.close();
    }

    DecoderCommand stop(String venue, String id, String streamId) {
        return Commands.command(venue, id, DecoderCommandKind.STOP_SESSION, Instant.ofEpochMilli(NOW))
                .setStreamId(streamId).build();
    }

    void submit(DecoderCommand command) {
        dispatcher.submit(command, finished::incrementAndGet);
    }

    @Test
    void aCommandGoesToEveryReadyDecoderOfItsVenueOnceAndItsIdIsNotCarriedOutTwice() {
        spa1.ready(10022);
        spa2.ready(10023);

        submit(stop("spa", "c1", null));
        submit(stop("spa", "c1", null));

        assertThat(spa1.sent).hasSize(1).first().isInstanceOf(StopSession.class);
        assertThat(spa2.sent).hasSize(1);
        assertThat(reports).containsExactly("c1 spa/decoder-10022 SENT", "c1 spa/decoder-10023 SENT", "c1 spa DUPLICATE");
        assertThat(finished).hasValue(2);
    }

    @Test
    void aCommandForADisconnectedDecoderWaitsForItsHandshake() {
        submit(stop("spa", "c2", "spa/decoder-10022"));
        assertThat(finished).hasValue(0);
        assertThat(dispatcher.pendingCount()).isEqualTo(1);

        spa2.ready(10023); // another decoder: not the one meant
        spa1.ready(10022);

        assertThat(spa2.sent).isEmpty();
        assertThat(spa1.sent).hasSize(1);
        assertThat(reports).containsExactly("c2 spa/decoder-10022 SENT");
        assertThat(finished).hasValue(1);
        assertThat(dispatcher.pendingCount()).isZero();
    }

    @Test
    void aCommandNotDeliveredInTimeExpiresInsteadOfRunningLate() {
        submit(stop("spa", "c3", null));
        clock.addAndGet(Duration.ofMinutes(2).toMillis() + 1);

        dispatcher.expire();
        spa1.ready(10022);

        assertThat(spa1.sent).isEmpty();
        assertThat(reports).containsExactly("c3 spa/10.0.0.1:9001 EXPIRED", "c3 spa/10.0.0.2:9001 EXPIRED");
        assertThat(finished).hasValue(1);
    }

    @Test
    void aCommandIssuedTooLongAgoIsNotCarriedOutAtAll() {
        spa1.ready(10022);
        clock.addAndGet(Duration.ofMinutes(10).toMillis());

        submit(stop("spa", "c4", null));

        assertThat(spa1.sent).isEmpty();
        assertThat(reports).containsExactly("c4 spa EXPIRED");
        assertThat(finished).hasValue(1);
    }

    @Test
    void aFailedWriteIsRetriedAfterTheNextHandshake() {
        spa1.ready(10022);
        spa1.failNextSend = true;
        submit(stop("spa", "c5", "spa/decoder-10022"));
        assertThat(finished).hasValue(0);

        spa1.ready(10022);

        assertThat(spa1.sent).hasSize(2);
        assertThat(reports).containsExactly("c5 spa/decoder-10022 SENT");
        assertThat(finished).hasValue(1);
    }

    @Test
    void aVenueWithoutPinRefusesAndAnUnknownStreamIsRejected() {
        monza.ready(1);
        submit(stop("monza", "c6", null));
        spa1.ready(10022);
        spa2.ready(10023);
        submit(stop("spa", "c7", "spa/decoder-99999"));

        assertThat(monza.sent).isEmpty();
        assertThat(reports).containsExactly("c6 monza/decoder-1 REJECTED", "c7 spa REJECTED");
        assertThat(finished).hasValue(2);
    }

    static final class FakeTarget implements CommandTarget {
        final DecoderServer server;
        final List<LapSnapperMessage> sent = new ArrayList<>();
        final List<Consumer<? super CommandTarget>> listeners = new ArrayList<>();
        StreamKey stream;
        boolean ready;
        boolean failNextSend;

        FakeTarget(String venue, String host, Optional<String> pin) {
            server = new DecoderServer(venue, host, 9001, List.of(1), 1_000_001, pin);
        }

        void ready(int deviceId) {
            stream = new StreamKey(server.venueId(), deviceId);
            ready = true;
            listeners.forEach(l -> l.accept(this));
        }

        @Override
        public DecoderServer server() {
            return server;
        }

        @Override
        public Optional<StreamKey> stream() {
            return Optional.ofNullable(stream);
        }

        @Override
        public String streamIdForStatus() {
            return stream != null ? stream.streamId() : server.venueId() + "/" + server.address();
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public String state() {
            return ready ? "connected" : "not connected";
        }

        @Override
        public CompletionStage<Void> send(LapSnapperMessage message) {
            sent.add(message);
            if (failNextSend) {
                failNextSend = false;
                return CompletableFuture.failedFuture(new IllegalStateException("connection reset"));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onReady(Consumer<? super CommandTarget> listener) {
            listeners.add(listener);
        }
    }
}
