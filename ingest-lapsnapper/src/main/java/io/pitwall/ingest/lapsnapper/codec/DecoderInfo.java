package io.pitwall.ingest.lapsnapper.codec;

/**
 * The {@code decoderInfo} object of a 6001 "Server Information" message.
 *
 * @param productId     decoder product id
 * @param versionNumber decoder firmware version number
 * @param deviceType    decoder type, 1 or 2
 * @param deviceId      decoder device id
 * @param decoderMode   decoder role: 1 host, 2 slave
 * @param decoderStatus decoder status
 */
public record DecoderInfo(int productId, int versionNumber, int deviceType, int deviceId, int decoderMode,
                          int decoderStatus) {
}
