package io.pitwall.processor.timing.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CarNumberOrderTest {

    @Test
    void shouldOrderNumbersByValueThenTextAfterThem() {
        List<String> numbers = new ArrayList<>(List.of("10", "2", "007", "7", "A1", "1", "B", "99999999999999999999",
                "100000000000000000000", "0"));
        numbers.sort(CarNumberOrder.INSTANCE);
        assertThat(numbers).containsExactly("0", "1", "2", "007", "7", "10", "99999999999999999999",
                "100000000000000000000", "A1", "B");
    }

    /** The comparison without parsing agrees with the numbers' values (as BigInteger reads them) on any digits. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldAgreeWithTheNumericValue(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String a = digits(random);
            String b = digits(random);
            int byValue = new BigInteger(a).compareTo(new BigInteger(b));
            int expected = byValue != 0 ? byValue : a.compareTo(b);
            assertThat(Integer.signum(CarNumberOrder.INSTANCE.compare(a, b))).as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(expected));
        }
    }

    private static String digits(Random random) {
        // leading zeros, long numbers and other scripts' digits (Character.isDigit takes them as numbers)
        char[] zeros = {'0', '\u0660', '\u0966'};
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(random.nextBoolean() ? 3 : 25);
        for (int i = 0; i < length; i++) {
            int script = random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0;
            int digit = random.nextInt(10) < 3 ? 0 : random.nextInt(10);
            text.append((char) (zeros[script] + digit));
        }
        return text.toString();
    }
}
