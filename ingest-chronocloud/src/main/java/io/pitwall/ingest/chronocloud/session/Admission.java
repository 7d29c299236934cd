package io.pitwall.ingest.chronocloud.session;

/**
 * What the ledger says about an incoming passing.
 *
 * @param verdict        new, or a duplicate already stored, or a duplicate still on its way to Kafka
 * @param epoch          numbering epoch the passing belongs to
 * @param newWaiter      for {@link Verdict#PENDING}: whether this listener was added now (false: it was
 *                       already waiting for this passing)
 * @param epochStarted   for {@link Verdict#NEW}: whether this passing started a new numbering epoch
 */
public record Admission(Verdict verdict, long epoch, boolean newWaiter, boolean epochStarted) {

    public enum Verdict {
        /** Not seen before: publish it. */
        NEW,
        /** Seen and stored in Kafka: confirm again, do not publish. */
        STORED,
        /** Seen and being published: confirm when that settles. */
        PENDING
    }
}
