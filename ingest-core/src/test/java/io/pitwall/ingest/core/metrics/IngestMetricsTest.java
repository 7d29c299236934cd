package io.pitwall.ingest.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final IngestMetrics metrics = new IngestMetrics(registry, "CTP01");

    @Test
    void scrapeShowsTheStandardNamesWithVenueAndSourceTags() {
        metrics.received("spa");
        metrics.received("spa");
        metrics.received("monza");
        metrics.published("spa", "timing.passings");
        metrics.decodeError("spa", "line_too_long");
        metrics.reconnect("monza");
        metrics.connectionOpened("spa");
        metrics.confirmLatency("spa", TimeUnit.MILLISECONDS.toNanos(12));
        metrics.publishFailure("spa", "buffer_full");
        metrics.serializationRetry();

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("pitwall_ingest_received_total{source=\"CTP01\",venue=\"spa\"} 2.0")
                .contains("pitwall_ingest_received_total{source=\"CTP01\",venue=\"monza\"} 1.0")
                .contains("pitwall_ingest_events_published_total{source=\"CTP01\",topic=\"timing.passings\",venue=\"spa\"} 1.0")
                .contains("pitwall_ingest_decode_errors_total{kind=\"line_too_long\",source=\"CTP01\",venue=\"spa\"} 1.0")
                .contains("pitwall_ingest_reconnects_total{source=\"CTP01\",venue=\"monza\"} 1.0")
                .contains("pitwall_ingest_connections{source=\"CTP01\",venue=\"spa\"} 1.0")
                .contains("pitwall_ingest_confirm_latency_seconds_count{source=\"CTP01\",venue=\"spa\"} 1")
                .contains("pitwall_ingest_confirm_latency_seconds_bucket{")
                .contains("pitwall_ingest_publish_failures_total{reason=\"buffer_full\",source=\"CTP01\",venue=\"spa\"} 1.0")
                .contains("pitwall_ingest_serialization_retries_total{source=\"CTP01\"} 1.0");
    }

    @Test
    void connectionsGoUpAndDown() {
        metrics.connectionOpened("spa");
        metrics.connectionOpened("spa");
        metrics.connectionClosed("spa");
        assertThat(metrics.connections("spa")).isEqualTo(1);
        assertThat(metrics.connections("nowhere")).isZero();
    }

    @Test
    void missingVenueIsCountedAsUnknown() {
        metrics.received(null);
        metrics.decodeError("", "garbage");
        assertThat(registry.scrape())
                .contains("pitwall_ingest_received_total{source=\"CTP01\",venue=\"unknown\"} 1.0")
                .contains("venue=\"unknown\"} 1.0");
    }

    @Test
    void venuesBeyondTheLimitShareOneSeries() {
        for (int i = 0; i < IngestMetrics.MAX_VENUES + 20; i++) {
            metrics.received("venue-" + i);
        }
        String scrape = registry.scrape();
        assertThat(scrape).contains("venue=\"venue-0\"").contains("venue=\"other\"} 20.0");
        assertThat(scrape).doesNotContain("venue=\"venue-" + (IngestMetrics.MAX_VENUES + 5) + "\"");
    }
}
