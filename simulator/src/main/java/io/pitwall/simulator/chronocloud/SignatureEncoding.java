package io.pitwall.simulator.chronocloud;

/** How the SHA1withRSA signature bytes are written into the PDU's {@code signature} string. */
public enum SignatureEncoding {
    /** Newer ChronoFly: standard base64 with padding. */
    BASE64,
    /** Older ChronoFly: lower-case hexadecimal. */
    HEX
}
