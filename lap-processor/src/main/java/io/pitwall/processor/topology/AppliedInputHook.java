package io.pitwall.processor.topology;

/**
 * A seam for tests: called by the timing processor right after the timing engine has applied an input and
 * before anything is stored or sent. A hook that throws acts as an engine that fails half-way through an input
 * (the session already changed), which is what the processor's rollback must cope with.
 */
@FunctionalInterface
interface AppliedInputHook {

    AppliedInputHook NONE = input -> {
    };

    void applied(TimingInput input);
}
