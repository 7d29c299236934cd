package io.pitwall.launcher.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.processor.timing71.Timing71Json;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonDiffTest {

    private static final JsonNodeFactory NODES = Timing71Json.NODES;

    private static JsonNode json(String text) throws Exception {
        return Timing71Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void shouldAddressACarCellByIndices() throws Exception {
        JsonNode before = json("[['7','RUN',3],['8','RUN',3]]");
        JsonNode after = json("[['7','RUN',3],['8','PIT',3]]");
        assertThat(JsonDiff.diff(before, after)).isEqualTo(json("[['change',[1,1],['RUN','PIT']]]"));
    }

    @Test
    void shouldAddressAnObjectKeyByDottedPath() throws Exception {
        JsonNode before = json("{'flagState':'green','timeElapsed':10.000}");
        JsonNode after = json("{'flagState':'sc','timeElapsed':11.000}");
        assertThat(JsonDiff.diff(before, after)).isEqualTo(json(
                "[['change','flagState',['green','sc']],['change','timeElapsed',[10.000,11.000]]]"));
    }

    @Test
    void shouldAddAndRemoveKeysAndTrailingElements() throws Exception {
        assertThat(JsonDiff.diff(json("{'a':1}"), json("{'a':1,'lapsRemain':3}")))
                .isEqualTo(json("[['add','',[['lapsRemain',3]]]]"));
        assertThat(JsonDiff.diff(json("{'a':1,'b':2}"), json("{'a':1}"))).isEqualTo(json("[['remove','',[['b',2]]]]"));
        assertThat(JsonDiff.diff(json("[[1],[2]]"), json("[[1],[2],[3]]"))).isEqualTo(json("[['add','',[[2,[3]]]]]"));
        assertThat(JsonDiff.diff(json("[1,2,3,4]"), json("[1,2]"))).isEqualTo(json("[['remove','',[[3,4],[2,3]]]]"));
        assertThat(JsonDiff.diff(json("[['7',[1.5,'pb']]]"), json("[['7',['','']]]")))
                .isEqualTo(json("[['change',[0,1,0],[1.5,'']],['change',[0,1,1],['pb','']]]"));
    }

    @Test
    void shouldTreatEqualNumbersAsEqualAndTypeChangesAsChanges() throws Exception {
        assertThat(JsonDiff.diff(json("[92.82]"), json("[92.820]"))).isEmpty();
        assertThat(JsonDiff.diff(json("{'gap':''}"), json("{'gap':1.5}"))).isEqualTo(json("[['change','gap',['',1.5]]]"));
        assertThat(JsonDiff.diff(json("{'a':{'b':1}}"), json("{'a':[1]}"))).isEqualTo(json("[['change','a',[{'b':1},[1]]]]"));
    }

    @Test
    void shouldUseAListPathWhenAKeyHasADot() throws Exception {
        assertThat(JsonDiff.diff(json("{'a.b':{'c':1}}"), json("{'a.b':{'c':2}}")))
                .isEqualTo(json("[['change',['a.b','c'],[1,2]]]"));
        assertThat(JsonDiff.diff(json("{'s':{'t':1}}"), json("{'s':{'t':2}}"))).isEqualTo(json("[['change','s.t',[1,2]]]"));
    }

    @Test
    void theTestReaderShouldRefuseADiffThatDoesNotFit() throws Exception {
        JsonNode wrongOld = json("[['change',[0,1],['PIT','RUN']]]");
        assertThatThrownBy(() -> ReplayReader.patch(json("[['7','RUN']]"), wrongOld))
                .hasMessageContaining("expects");
    }

    /** Random documents shaped like Timing71 states: patching the first with the diff gives the second. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void patchingWithTheDiffShouldGiveTheSecondDocument(int seed) {
        Random random = new Random(seed);
        JsonNode a = randomValue(random, 0);
        JsonNode b = random.nextInt(4) == 0 ? randomValue(random, 0) : mutate(a.deepCopy(), random);
        assertThat(ReplayReader.patch(a, JsonDiff.diff(a, b))).isEqualTo(b);
        assertThat(JsonDiff.diff(a, a)).isEmpty();
    }

    private static JsonNode mutate(JsonNode node, Random random) {
        if (node instanceof ArrayNode array) {
            if (random.nextInt(5) == 0 && array.size() > 0) {
                array.remove(random.nextInt(array.size()));
            }
            if (random.nextInt(5) == 0) {
                array.add(randomValue(random, 2));
            }
            for (int i = 0; i < array.size(); i++) {
                if (random.nextInt(3) == 0) {
                    array.set(i, mutate(array.get(i), random));
                }
            }
            return array;
        }
        if (node instanceof ObjectNode object) {
            if (random.nextInt(4) == 0) {
                object.set("k" + random.nextInt(6), randomValue(random, 2));
            }
            if (random.nextInt(4) == 0 && object.size() > 0) {
                object.remove(object.fieldNames().next());
            }
            object.fields().forEachRemaining(e -> {
                if (random.nextInt(3) == 0) {
                    e.setValue(mutate(e.getValue(), random));
                }
            });
            return object;
        }
        return random.nextBoolean() ? randomValue(random, 2) : node;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = depth >= 3 ? random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0:
                return NODES.textNode(new String[] {"RUN", "PIT", "", "1 lap", "a.b"}[random.nextInt(5)]);
            case 1:
                // never a whole number, so no decimal equals an integer in value (the diff compares numbers by value)
                return NODES.numberNode(BigDecimal.valueOf(random.nextInt(100000) * 10L + 1, 4));
            case 2:
                return NODES.numberNode(random.nextInt(30));
            case 3:
                return random.nextBoolean() ? NODES.nullNode() : NODES.booleanNode(random.nextBoolean());
            case 4: {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(6);
                for (int i = 0; i < size; i++) {
                    array.add(randomValue(random, depth + 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    object.set("k" + random.nextInt(6), randomValue(random, depth + 1));
                }
                return object;
            }
        }
    }
}
