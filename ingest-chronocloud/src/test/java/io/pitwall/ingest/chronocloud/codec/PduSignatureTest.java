package io.pitwall.ingest.chronocloud.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PduSignatureTest {

    @Test
    void base64AsNewerChronoFlyWritesIt() {
        byte[] raw = new byte[256];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 7 + 3);
        }
        PduSignature signature = new PduSignature(Base64.getEncoder().encodeToString(raw));
        assertThat(signature.encoding()).isEqualTo(PduSignature.Encoding.BASE64);
        assertThat(signature.candidates()).singleElement().isEqualTo(raw);
    }

    @Test
    void base64WithTheLineBreaksOfOlderJavaEncoders() {
        byte[] raw = new byte[128];
        raw[5] = 9;
        PduSignature signature = new PduSignature(Base64.getMimeEncoder().encodeToString(raw));
        assertThat(signature.text()).contains("\r\n");
        assertThat(signature.candidates()).singleElement().isEqualTo(raw);
    }

    @Test
    void shortHexAsOlderChronoFlyWritesIt() {
        PduSignature signature = new PduSignature("5f3a9c01be7d42e8");
        assertThat(signature.encoding()).isEqualTo(PduSignature.Encoding.HEX);
        // hex digits are base64 characters too: both readings are offered, hex first
        assertThat(signature.candidates()).hasSize(2).first().isEqualTo(HexFormat.of().parseHex("5f3a9c01be7d42e8"));
        assertThat(new PduSignature("ABCDEF").candidates()).first().isEqualTo(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
    }

    @Test
    void oddLengthHexIsNotHex() {
        // five characters are not base64 either (four make three bytes, one cannot make any)
        assertThat(new PduSignature("abcde").encoding()).isEqualTo(PduSignature.Encoding.UNREADABLE);
        assertThat(new PduSignature("abcde").candidates()).isEmpty();
        // three are unpadded base64, which Java's decoder reads, and not hex
        assertThat(new PduSignature("abc").encoding()).isEqualTo(PduSignature.Encoding.BASE64);
    }

    @Test
    void noneAndGarbage() {
        assertThat(PduSignature.NONE.encoding()).isEqualTo(PduSignature.Encoding.NONE);
        assertThat(PduSignature.NONE.candidates()).isEmpty();
        assertThat(new PduSignature("not a signature!").encoding()).isEqualTo(PduSignature.Encoding.UNREADABLE);
        assertThat(new PduSignature("\n").candidates()).isEmpty();
    }
}
