/** Implementation helpers of the schemas module; not part of Pitwall's API. */
package io.pitwall.schemas.internal;
