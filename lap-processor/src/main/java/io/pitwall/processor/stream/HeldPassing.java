package io.pitwall.processor.stream;

import io.pitwall.events.Passing;

/** A passing held back because an earlier sequence of its stream is missing, and since when (wall clock, ms). */
public record HeldPassing(long sequence, Passing passing, long heldSinceMillis) {
}
