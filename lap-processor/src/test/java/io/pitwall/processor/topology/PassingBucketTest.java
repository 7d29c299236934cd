package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassingBucketTest {

    @Test
    void shouldLayOutEachEntryAsSequenceLengthAndBytes() {
        byte[] bucket = PassingBucket.append(null, 17, new byte[] {1, 2, 3});
        bucket = PassingBucket.append(bucket, 18, new byte[] {9});

        ByteBuffer expected = ByteBuffer.allocate(2 * 12 + 4)
                .putLong(17).putInt(3).put(new byte[] {1, 2, 3})
                .putLong(18).putInt(1).put(new byte[] {9});
        assertThat(bucket).isEqualTo(expected.array());
    }

    @Test
    void shouldNotStoreAnIdenticalEntryTwiceButKeepADifferentVersion() {
        byte[] bucket = PassingBucket.append(null, 5, new byte[] {1});

        assertThat(PassingBucket.append(bucket, 5, new byte[] {1})).isNull();
        byte[] both = PassingBucket.append(bucket, 5, new byte[] {2});
        assertThat(entries(both)).containsExactly("5:[1]", "5:[2]");
    }

    @Test
    void shouldRemoveEveryVersionOfASequenceAndNothingElse() {
        byte[] bucket = PassingBucket.append(null, 1, new byte[] {1});
        bucket = PassingBucket.append(bucket, 2, new byte[] {2});
        bucket = PassingBucket.append(bucket, 1, new byte[] {3});

        byte[] rest = PassingBucket.without(bucket, 1);
        assertThat(entries(rest)).containsExactly("2:[2]");
        assertThat(PassingBucket.without(rest, 2)).as("an empty bucket is deleted").isNull();
        assertThat(entries(PassingBucket.without(bucket, 99))).hasSize(3);
    }

    @Test
    void shouldGroupConsecutiveSequencesIntoBucketsAlsoBelowZero() {
        assertThat(PassingBucket.of(0)).isEqualTo(PassingBucket.of(PassingBucket.SEQUENCES - 1)).isZero();
        assertThat(PassingBucket.of(PassingBucket.SEQUENCES)).isEqualTo(1);
        assertThat(PassingBucket.of(-1)).isEqualTo(-1);
        assertThat(PassingBucket.of(Long.MIN_VALUE)).isLessThan(PassingBucket.of(Long.MAX_VALUE));
    }

    @Test
    void shouldRefuseATruncatedBucket() {
        byte[] bucket = PassingBucket.append(null, 1, new byte[] {1, 2, 3});
        byte[] cutInHeader = java.util.Arrays.copyOf(bucket, 7);
        byte[] cutInBytes = java.util.Arrays.copyOf(bucket, bucket.length - 1);

        assertThatThrownBy(() -> entries(cutInHeader)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("truncated passing bucket");
        assertThatThrownBy(() -> entries(cutInBytes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("entry of 3 bytes with 2 left");
    }

    @Test
    void shouldRefuseANegativeOrOversizedLength() {
        byte[] negative = ByteBuffer.allocate(12).putLong(1).putInt(-5).array();
        byte[] huge = ByteBuffer.allocate(13).putLong(1).putInt(Integer.MAX_VALUE).put((byte) 0).array();

        assertThatThrownBy(() -> entries(negative)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("corrupt passing bucket");
        assertThatThrownBy(() -> entries(huge)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("corrupt passing bucket");
    }

    private static List<String> entries(byte[] bucket) {
        List<String> entries = new ArrayList<>();
        PassingBucket.forEach(bucket, (sequence, bytes, offset, length) -> entries.add(
                sequence + ":" + java.util.Arrays.toString(java.util.Arrays.copyOfRange(bytes, offset, offset + length))));
        return entries;
    }
}
