/** Avro schema compatibility checks that say which field breaks compatibility. */
package io.pitwall.schemas.compat;
