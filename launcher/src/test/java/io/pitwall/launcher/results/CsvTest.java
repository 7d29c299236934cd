package io.pitwall.launcher.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {

    @Test
    void shouldQuoteOnlyFieldsThatNeedIt() throws Exception {
        StringWriter out = new StringWriter();
        new Csv(out).record(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", null, 7));
        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",,7\r\n");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldReadBackWhatItWrote(long seed) throws Exception {
        Random random = new Random(seed);
        String alphabet = "ab ,\"\r\n;é1";
        List<List<String>> records = new java.util.ArrayList<>();
        for (int r = 0; r < 20; r++) {
            List<String> record = new java.util.ArrayList<>();
            int fields = 1 + random.nextInt(5);
            for (int f = 0; f < fields; f++) {
                StringBuilder field = new StringBuilder();
                int length = 1 + random.nextInt(8);
                for (int i = 0; i < length; i++) {
                    field.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                record.add(field.toString());
            }
            records.add(record);
        }
        StringWriter out = new StringWriter();
        Csv csv = new Csv(out);
        for (List<String> record : records) {
            csv.record(record);
        }
        assertThat(CsvReader.read(out.toString())).isEqualTo(records);
    }

    @Test
    void shouldWriteTimesTruncatedToTheMillisecond() {
        assertThat(Times.clock(59_123_999L)).isEqualTo("59.123");
        assertThat(Times.clock(92_820_900L)).isEqualTo("1:32.820");
        assertThat(Times.clock(3_723_004_000L)).isEqualTo("1:02:03.004");
        assertThat(Times.clock(-1_500_000L)).isEqualTo("-1.500");
        assertThat(Times.clock(null)).isNull();
        assertThat(Times.millis(92_820_900L)).isEqualTo(92_820L);
    }
}
