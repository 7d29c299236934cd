package io.pitwall.ingest.chronocloud;

import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.schemas.AvroTrust;

/** {@code ingest-chronocloud}: run with {@code --help} for every option. */
public final class ChronoCloudIngestMain {

    private ChronoCloudIngestMain() {
    }

    public static void main(String[] args) {
        // before anything touches Avro: the generated event classes must be trusted
        AvroTrust.trustPitwallPackages();
        IngestService.main(new ChronoCloudIngest(), args);
    }
}
