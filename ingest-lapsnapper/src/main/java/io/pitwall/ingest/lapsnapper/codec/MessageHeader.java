package io.pitwall.ingest.lapsnapper.codec;

/**
 * The {@code messageHeader} object every LapSnapper message carries.
 *
 * <p>The header's {@code messageID} is not a component: it always equals the message's own {@link MessageId},
 * so the encoder writes it from the message type and the decoder rejects a frame whose header disagrees with
 * the frame id ({@link DecodeError.Kind#HEADER_ID_MISMATCH}). That makes a header that lies impossible to build.
 *
 * @param lapSnapperProductId the sender's product id (API section 8.1: 50 LapSnapper Pro …, above 1000000 free
 *                            for any application)
 * @param serverVersion       the socket-server version, 520000 meaning 5.20.000
 */
public record MessageHeader(int lapSnapperProductId, int serverVersion) {

    /** API 5.20.000 as the document encodes it. */
    public static final int SERVER_VERSION_5_20 = 520_000;

    /** The first product id the API leaves free for third-party applications such as Pitwall. */
    public static final int FIRST_FREE_PRODUCT_ID = 1_000_000;
}
