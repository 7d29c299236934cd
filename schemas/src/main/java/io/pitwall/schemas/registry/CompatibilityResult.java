package io.pitwall.schemas.registry;

import java.util.List;

/**
 * Answer of a compatibility test.
 *
 * @param compatible whether the schema may be registered under the subject
 * @param messages   the registry's reasons when it is not (empty if the registry gives none)
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
