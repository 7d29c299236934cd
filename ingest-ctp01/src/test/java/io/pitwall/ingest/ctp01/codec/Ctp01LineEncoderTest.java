package io.pitwall.ingest.ctp01.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What the server puts on the wire, byte for byte. */
class Ctp01LineEncoderTest {

    private static String written(Ctp01Outbound message) {
        EmbeddedChannel channel = new EmbeddedChannel(new Ctp01LineEncoder());
        channel.writeOutbound(message);
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void everyRequestOptionInOneGreeting() {
        Ctp01RequestOptions options = Ctp01RequestOptions.builder()
                .location(LocationMode.MULTI)
                .streamMode(StreamMode.PUSH)
                .timeFormat(TimeFormat.ISO)
                .tagEventFormat(TagEventFormat.CT01_33)
                .gunTimes(true)
                .newLocations(true)
                .connectionId(true)
                .pushModeAck(true)
                .authentication(AuthenticationMethod.HMAC_SHA1, "5eed")
                .build();
        assertThat(written(new ServerGreeting("Pitwall", "0.1.0", options))).isEqualTo(
                "Pitwall~0.1.0~10\r\n"
                        + "location=multi\r\n"
                        + "stream-mode=push\r\n"
                        + "time-format=iso\r\n"
                        + "tagevent-format=CT01_33\r\n"
                        + "guntimes=true\r\n"
                        + "newlocations=true\r\n"
                        + "connection-id=true\r\n"
                        + "pushmode-ack=true\r\n"
                        + "authentication=hmac-sha1\r\n"
                        + "authentication-seed=5eed\r\n");
        assertThat(options.toString()).doesNotContain("5eed");
    }

    @Test
    void optionValuesAsTheDocumentSpellsThem() {
        Ctp01RequestOptions options = Ctp01RequestOptions.builder()
                .location(LocationMode.SINGLE).streamMode(StreamMode.PULL).timeFormat(TimeFormat.UNIX)
                .tagEventFormat(TagEventFormat.CT01_13).gunTimes(false).newLocations(false)
                .connectionId(false).pushModeAck(false).authentication(AuthenticationMethod.PLAINTEXT, null).build();
        assertThat(options.requestLines()).containsExactly("location=single", "stream-mode=pull", "time-format=unix",
                "tagevent-format=CT01_13", "guntimes=false", "newlocations=false", "connection-id=false",
                "pushmode-ack=false", "authentication=plaintext");
        for (AuthenticationMethod method : AuthenticationMethod.values()) {
            assertThat(AuthenticationMethod.fromOptionValue(method.optionValue())).isSameAs(method);
        }
        assertThat(Ctp01RequestOptions.builder().authentication(AuthenticationMethod.SEED_MD5, "s").build()
                .requestLines()).containsExactly("authentication=seed-md5", "authentication-seed=s");
    }

    @Test
    void commandsEndInCrLf() {
        assertThat(written(Ctp01Command.Start.resume("finish", 4530))).isEqualTo("start~finish~4530\r\n");
        assertThat(written(Ctp01Command.GetData.from(50, "finish", 209))).isEqualTo("getdata~50~finish~209\r\n");
        assertThat(written(AuthorizeReply.reject("invalid password"))).isEqualTo("err~authorize~invalid password\r\n");
        assertThat(written(Ctp01Command.PING)).isEqualTo("ping\r\n");
    }

    @Test
    void nonAsciiLocationsAreWrittenAsUtf8() {
        assertThat(written(Ctp01Command.Start.location("Süd"))).isEqualTo("start~Süd\r\n");
    }

    @Test
    void valuesThatCouldNotBeReadBackAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> Ctp01Command.Start.location("a~b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ctp01Command.Start.location("a\r\nstop")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ctp01Command.Start.location("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ctp01Command.Start.location("abcdefghijklmnopq"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ctp01Command.Start.resume("finish", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ctp01Command.Start.resume("finish", 1_000_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ctp01Command.Start(Optional.empty(), OptionalInt.of(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ctp01Command.GetData.next(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ctp01Command.GetData(5, Optional.empty(), OptionalInt.of(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerGreeting("Pit~wall", "1", Ctp01RequestOptions.builder().build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthorizeReply.reject("bad\nnews")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ctp01RequestOptions.builder().authentication(AuthenticationMethod.HMAC_MD5, null)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
        assertThatThrownBy(() -> Ctp01RequestOptions.builder().authentication(AuthenticationMethod.HMAC_MD5, "a\r\nb")
                .build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tagEventFormatCodes() {
        assertThat(TagEventFormat.parse("CT01_33").separator()).isEqualTo('~');
        assertThat(TagEventFormat.parse("CT01_13").separator()).isEqualTo(',');
        assertThat(TagEventFormat.parse("CT01_53").separator()).isEqualTo('\t');
        assertThatThrownBy(() -> TagEventFormat.parse("CT01_31")).hasMessageContaining("LF");
        assertThatThrownBy(() -> TagEventFormat.parse("CT07_33")).hasMessageContaining("CT01");
        assertThatThrownBy(() -> TagEventFormat.parse("CT01-33")).isInstanceOf(IllegalArgumentException.class);
    }
}
