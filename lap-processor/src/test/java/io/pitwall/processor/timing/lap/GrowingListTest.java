package io.pitwall.processor.timing.lap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrowingListTest {

    @Test
    void shouldKeepASnapshotAsItWasWhileTheListGrowsPastItsCapacity() {
        GrowingList<Integer> list = new GrowingList<>();
        list.add(1);
        List<Integer> one = list.snapshot();
        for (int i = 2; i <= 100; i++) {
            list.add(i);
        }
        List<Integer> hundred = list.snapshot();

        assertThat(one).containsExactly(1);
        assertThat(hundred).hasSize(100).startsWith(1, 2, 3).endsWith(100);
        assertThat(list.get(99)).isEqualTo(100);
        assertThat(GrowingList.isSnapshot(hundred)).isTrue();
        assertThat(GrowingList.isSnapshot(List.of(1))).isFalse();
    }

    @Test
    void shouldRefuseToChangeASnapshotOrReadPastIt() {
        GrowingList<String> list = new GrowingList<>();
        list.add("a");
        List<String> snapshot = list.snapshot();
        list.add("b");

        assertThatThrownBy(() -> snapshot.add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snapshot.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(new GrowingList<String>().snapshot()).isEmpty();
    }
}
