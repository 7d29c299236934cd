package io.pitwall.processor.timing.classification;

/** A car's place in the classification: overall position, position in class, gap to the leader, interval. */
public record ClassifiedCar(Standing standing, int position, int classPosition, Gap gap, Gap interval) {
}
