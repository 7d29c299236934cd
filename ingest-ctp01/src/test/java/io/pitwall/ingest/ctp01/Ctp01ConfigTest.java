package io.pitwall.ingest.ctp01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.LineKind;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.ctp01.codec.AuthenticationMethod;
import io.pitwall.ingest.ctp01.codec.StreamMode;
import io.pitwall.ingest.ctp01.codec.TimeFormat;
import io.pitwall.ingest.ctp01.config.LineMap;
import io.pitwall.ingest.ctp01.config.Listener;
import io.pitwall.ingest.ctp01.config.VenueConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ctp01ConfigTest {

    private static Configuration load(String... args) {
        return ConfigLoader.of(Ctp01Config.FIELDS).environment(Map.of()).commandLine(args).load();
    }

    private static Ctp01Config config(String... args) {
        return Ctp01Config.from(load(args), Map.of("ZOLDER_PW", "env-secret"));
    }

    private static String problems(String... args) {
        try {
            config(args);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a configuration error");
    }

    @Test
    void aVenueWithOnlyAUserGetsTheDefaults() {
        Ctp01Config config = config("--ctp01.venues=spa", "--ctp01.venue.spa.password.timer=pw");
        VenueConfig spa = config.venue("spa").orElseThrow();
        assertThat(spa.port()).isEqualTo(61611);
        assertThat(spa.authentication()).isEqualTo(AuthenticationMethod.HMAC_SHA1);
        assertThat(spa.streamMode()).isEqualTo(StreamMode.PUSH);
        assertThat(spa.timeFormat()).isEqualTo(TimeFormat.UNIX);
        assertThat(spa.gunTimes()).isTrue();
        assertThat(spa.pushModeAck()).isTrue();
        assertThat(spa.pullBatch()).isEqualTo(100);
        assertThat(spa.pullInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(spa.lines().asMap()).isEmpty();
        assertThat(spa.users().get("timer").reveal()).isEqualTo("pw");
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.listeners()).singleElement().extracting(Listener::port).isEqualTo(61611);
    }

    @Test
    void everyVenueOptionIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "file-secret\n");
        Ctp01Config config = config("--ctp01.venues=spa,zolder",
                "--ctp01.venue.spa.port=7000", "--ctp01.venue.spa.authentication=seed-md5",
                "--ctp01.venue.spa.password-file.timer.one=" + secret, "--ctp01.venue.spa.stream-mode=pull",
                "--ctp01.venue.spa.time-format=normal", "--ctp01.venue.spa.time-zone=Europe/Brussels",
                "--ctp01.venue.spa.event-date=2025-07-26", "--ctp01.venue.spa.guntimes=false",
                "--ctp01.venue.spa.pushmode-ack=false", "--ctp01.venue.spa.pull.batch=20",
                "--ctp01.venue.spa.pull.interval=250ms",
                "--ctp01.venue.spa.lines=finish:FINISH,s1:SECTOR:1,s2:sector:2,pit in:PIT_IN,a:b:PIT_OUT",
                "--ctp01.venue.zolder.password-env.z=ZOLDER_PW", "--ctp01.venue.zolder.time-format=iso",
                "--ctp01.venue.zolder.time-zone=UTC");
        VenueConfig spa = config.venue("spa").orElseThrow();
        assertThat(spa.port()).isEqualTo(7000);
        assertThat(spa.authentication()).isEqualTo(AuthenticationMethod.SEED_MD5);
        assertThat(spa.users().get("timer.one").reveal()).as("user ids may contain dots").isEqualTo("file-secret");
        assertThat(spa.streamMode()).isEqualTo(StreamMode.PULL);
        assertThat(spa.timeFormat()).isEqualTo(TimeFormat.NORMAL);
        assertThat(spa.zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
        assertThat(spa.eventDate()).isEqualTo(LocalDate.of(2025, 7, 26));
        assertThat(spa.gunTimes()).isFalse();
        assertThat(spa.pushModeAck()).isFalse();
        assertThat(spa.pullBatch()).isEqualTo(20);
        assertThat(spa.pullInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(spa.lines().lineOf("s2")).isEqualTo(new LineMap.Line(LineKind.SECTOR, 2));
        assertThat(spa.lines().lineOf("pit in")).isEqualTo(new LineMap.Line(LineKind.PIT_IN, null));
        assertThat(spa.lines().lineOf("a:b")).isEqualTo(new LineMap.Line(LineKind.PIT_OUT, null));
        assertThat(spa.lines().lineOf("elsewhere").kind()).isEqualTo(LineKind.UNKNOWN);
        assertThat(config.venue("zolder").orElseThrow().users().get("z").reveal()).isEqualTo("env-secret");
        assertThat(config.listeners()).extracting(Listener::port).containsExactly(7000, 61611);
    }

    @Test
    void passwordsNeverAppearInTheLoggedConfiguration() {
        Configuration loaded = load("--ctp01.venues=spa", "--ctp01.venue.spa.password.timer=hunter2");
        assertThat(String.join("\n", loaded.describe())).contains("ctp01.venue.spa.password.timer = <secret>")
                .doesNotContain("hunter2");
        assertThat(config("--ctp01.venues=spa", "--ctp01.venue.spa.password.timer=hunter2").venues().toString())
                .doesNotContain("hunter2");
        assertThat(problems("--ctp01.venues=spa", "--ctp01.venue.spa.password.timer=hunter2",
                "--ctp01.venue.spa.password-env.timer=NOPE")).doesNotContain("hunter2");
    }

    @Test
    void badKeysAndValuesFailWhileLoadingEachNamed() {
        assertThatThrownBy(() -> load("--ctp01.venues=spa", "--ctp01.venue.spa.time-zon=UTC",
                "--ctp01.venue.spa.pull.batch=0", "--ctp01.venue.spa.stream-mode=sideways",
                "--ctp01.venue.spa.time-format=msecs", "--ctp01.venue.spa.lines=finish"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ctp01.venue.spa.time-zon")
                .hasMessageContaining("ctp01.venue.spa.pull.batch = '0'").hasMessageContaining("from 1 to 10000")
                .hasMessageContaining("stream-mode = 'sideways' (command line): not allowed; allowed: one of push, pull")
                .hasMessageContaining("ctp01.venue.spa.time-format = 'msecs'").hasMessageContaining("not defined")
                .hasMessageContaining("location:KIND[:index]");
    }

    @Test
    void crossChecksAreReportedTogether() {
        String message = problems("--ctp01.venues=spa,zolder,typo,nurburg", "--ctp01.venue.spa.password.a=x",
                "--ctp01.venue.zolder.password.a=y", "--ctp01.venue.nurburg.time-format=normal",
                "--ctp01.venue.nurburg.password.n=z", "--ctp01.venue.spaa.guntimes=false",
                "--ctp01.venue.typo.authentication=none", "--ctp01.venue.typo.port=7000",
                "--ctp01.idle.timeout=5s");
        assertThat(message)
                .contains("venue 'spaa' is not listed")
                .contains("ctp01.venue.nurburg.time-zone: time-format=normal is venue-local")
                .contains("ctp01.venue.nurburg.event-date")
                .contains("user 'a' is also a user of venue 'spa'")
                .contains("ctp01.idle.timeout = '5s'")
                .contains("must be longer than ctp01.ping.interval");
    }

    @Test
    void aDigestMethodNeedsUsersAndNoneNeedsAPortOfItsOwn() {
        assertThat(problems("--ctp01.venues=spa")).contains("authentication=hmac-sha1 needs at least one user");
        assertThat(problems("--ctp01.venues=spa,zolder", "--ctp01.venue.spa.authentication=none",
                "--ctp01.venue.zolder.authentication=none")).contains("share port 61611 with authentication=none");
        assertThat(config("--ctp01.venues=spa", "--ctp01.venue.spa.authentication=none").listeners()
                .get(0).onlyVenue()).isPresent();
    }

    @Test
    void venuesSharingAPortMustShareTheirGreeting() {
        assertThat(problems("--ctp01.venues=spa,zolder", "--ctp01.venue.spa.password.a=x",
                "--ctp01.venue.zolder.password.b=y", "--ctp01.venue.zolder.stream-mode=pull"))
                .contains("venues [spa, zolder] share port 61611 but differ");
        Ctp01Config shared = config("--ctp01.venues=spa,zolder", "--ctp01.venue.spa.password.a=x",
                "--ctp01.venue.zolder.password.b=y", "--ctp01.venue.zolder.time-zone=UTC");
        assertThat(shared.listeners()).singleElement().satisfies(l -> {
            assertThat(l.venues()).extracting(VenueConfig::id).containsExactly("spa", "zolder");
            assertThat(l.account("b").orElseThrow().venue().id()).isEqualTo("zolder");
            assertThat(l.onlyVenue()).isEmpty();
        });
    }

    @Test
    void passwordSourcesMustResolveAndBeUnique(@TempDir Path dir) {
        assertThat(problems("--ctp01.venues=spa", "--ctp01.venue.spa.password-env.a=MISSING"))
                .contains("environment variable MISSING is not set");
        assertThat(problems("--ctp01.venues=spa", "--ctp01.venue.spa.password-file.a=" + dir.resolve("nope")))
                .contains("does not exist");
        assertThat(problems("--ctp01.venues=spa", "--ctp01.venue.spa.password.a=x",
                "--ctp01.venue.spa.password-env.a=ZOLDER_PW")).contains("more than one password source");
    }

    @Test
    void theServiceRefusesACrossCheckFailureAsAConfigurationError() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Ctp01Ingest ingest = new Ctp01Ingest(Map.of());
        int status = ingest.checkConfiguration(new String[] {"--ctp01.venues=spa",
                "--ctp01.venue.spa.time-format=iso", "--ctp01.venue.spa.password.t=x"},
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(IngestService.EXIT_CONFIG);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("ingest-ctp01: Invalid configuration").contains("ctp01.venue.spa.time-zone");
        assertThat(ingest.checkConfiguration(new String[] {"--help"}, System.err)).isZero();
        assertThat(ingest.checkConfiguration(new String[] {"--ctp01.venues=spa", "--ctp01.venue.spa.password.t=x"},
                System.err)).isZero();
    }

    @Test
    void helpListsTheVenueOptions() {
        String help = IngestService.of(new Ctp01Ingest(Map.of())).help();
        assertThat(help).contains("ctp01.venues").contains("CTP01_VENUES").contains("ctp01.venue.<property>")
                .contains("password-file.<user>").contains("pull.interval").contains("kafka.bootstrap.servers");
    }
}
