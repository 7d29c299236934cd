package io.pitwall.ingest.chronocloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.chronocloud.codec.DecodeErrorKind;
import io.pitwall.ingest.chronocloud.session.ChronoCloudMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README names every meter and decode-error kind operators will see. */
class ReadmeTest {

    static String readme() throws Exception {
        return Files.readString(Path.of(System.getProperty("pitwall.module.dir", ".")).resolve("README.md"));
    }

    @Test
    void everyChronoCloudMeterIsDocumentedUnderItsPrometheusName() throws Exception {
        String readme = readme();
        for (String meter : new String[] {ChronoCloudMetrics.SIGNATURES, ChronoCloudMetrics.DUPLICATES,
                ChronoCloudMetrics.NUMBERING_RESTARTS, ChronoCloudMetrics.CONNECTIONS_REFUSED}) {
            assertThat(readme).contains("`" + meter.replace('.', '_') + "_total`");
        }
    }

    @Test
    void everyDecodeErrorKindIsDocumented() throws Exception {
        String readme = readme();
        for (DecodeErrorKind kind : DecodeErrorKind.values()) {
            assertThat(readme).contains("`" + kind.metricTag() + "`");
        }
        assertThat(readme).contains("`unknown_station`", "`tls`");
    }
}
