package io.pitwall.schemas.serde;

/**
 * The first byte of a value is not the Confluent magic byte {@code 0}: the value was written by
 * something other than a Confluent-format Avro serializer (plain JSON, a string serializer, another
 * registry's framing), or the topic is read with the wrong deserializer.
 */
public class UnknownMagicByteException extends InvalidWireFormatException {

    private static final long serialVersionUID = 1L;

    private final byte magicByte;

    public UnknownMagicByteException(String topic, byte[] data) {
        super(topic, data, "Could not deserialize a value from " + where(topic) + ": unknown magic byte 0x"
                + String.format("%02x", data[0] & 0xFF) + " (expected 0x00, the Confluent wire format;"
                + " first bytes: " + hexPrefix(data) + ")" + hint(data));
        this.magicByte = data[0];
    }

    public byte magicByte() {
        return magicByte;
    }

    private static String hint(byte[] data) {
        byte first = data[0];
        if (first == '{' || first == '[' || first == '"') {
            return "; the value looks like JSON: was it written with a JSON or String serializer?";
        }
        return "";
    }
}
