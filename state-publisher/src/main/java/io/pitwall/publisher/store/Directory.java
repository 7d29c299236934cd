package io.pitwall.publisher.store;

/**
 * The JSON directory of live services, {@code {"default": uuid|null, "services": [manifest, ...]}},
 * newest session first. Rebuilt only when a manifest changes, so it caches well.
 *
 * @param bytes compact UTF-8 JSON
 * @param etag  quoted strong entity tag
 */
public record Directory(byte[] bytes, String etag) {
}
