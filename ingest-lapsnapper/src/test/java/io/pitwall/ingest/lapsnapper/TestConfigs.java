package io.pitwall.ingest.lapsnapper;

import io.pitwall.ingest.core.service.IngestService;
import java.util.Map;

/** Configurations for tests, loaded exactly as the service loads them. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static LapSnapperConfig config(String... args) {
        return LapSnapperConfig.from(IngestService.of(new LapSnapperIngest()).environment(Map.of()).configure(args));
    }

    /** One server {@code spa@127.0.0.1:port}, password 1,2,3,4, PIN 1234, plus {@code args}. */
    public static LapSnapperConfig oneServer(int port, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--lapsnapper.servers=spa@127.0.0.1:" + port;
        all[1] = "--lapsnapper.password=1,2,3,4";
        all[2] = "--lapsnapper.pin=1234";
        System.arraycopy(args, 0, all, 3, args.length);
        return config(all);
    }
}
