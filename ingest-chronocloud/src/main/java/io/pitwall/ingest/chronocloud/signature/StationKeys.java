package io.pitwall.ingest.chronocloud.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA public keys of the stations that sign, by station id.
 *
 * <p>Loaded from a directory holding one {@code <station>.pem} per station, each an X.509
 * SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}, what {@code openssl rsa -pubout}
 * writes). One file per station fits a Kubernetes Secret or ConfigMap mounted as a directory.
 */
public final class StationKeys {

    public static final String SUFFIX = ".pem";
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    /**
     * Older ChronoFly versions send short signatures, so short keys must load; anything below this is
     * not an RSA key anyone signs with.
     */
    static final int MIN_BITS = 512;
    /** Keys below this are logged as weak: they can be factored, so their signatures prove little. */
    static final int WEAK_BELOW_BITS = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(StationKeys.class);

    private final Map<String, PublicKey> byStation;

    private StationKeys(Map<String, PublicKey> byStation) {
        this.byStation = Map.copyOf(byStation);
    }

    public static StationKeys none() {
        return new StationKeys(Map.of());
    }

    public static StationKeys of(Map<String, PublicKey> keys) {
        return new StationKeys(keys);
    }

    /**
     * Reads every {@code *.pem} file of {@code dir}; other files are ignored (Kubernetes puts
     * {@code ..data} links next to mounted keys).
     *
     * @throws IOException naming every file that is not a usable RSA public key
     */
    public static StationKeys load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("Station key directory " + dir + " does not exist or is not a directory");
        }
        Map<String, PublicKey> keys = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String name = file.getFileName().toString();
                String station = name.substring(0, name.length() - SUFFIX.length());
                try {
                    PublicKey key = parse(Files.readString(file, StandardCharsets.US_ASCII));
                    int bits = ((RSAPublicKey) key).getModulus().bitLength();
                    if (bits < WEAK_BELOW_BITS) {
                        LOG.warn("Station {} has a {}-bit RSA key ({}): signatures with keys under {} bits can be forged",
                                station, bits, file, WEAK_BELOW_BITS);
                    }
                    keys.put(station, key);
                } catch (IOException | IllegalArgumentException e) {
                    problems.add(file + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException("Unusable station keys:\n  " + String.join("\n  ", problems));
        }
        return new StationKeys(keys);
    }

    /** Parses one PEM public key; throws {@link IllegalArgumentException} saying what is wrong. */
    public static PublicKey parse(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PEM public key (expected " + BEGIN
                    + "; convert an RSA PUBLIC KEY with: openssl rsa -RSAPublicKey_in -in key.pem -pubout)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM body is not base64");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key (" + e.getMessage() + ")");
        }
        int bits = ((RSAPublicKey) key).getModulus().bitLength();
        if (bits < MIN_BITS) {
            throw new IllegalArgumentException("RSA key of " + bits + " bits; at least " + MIN_BITS + " are required");
        }
        return key;
    }

    public Optional<PublicKey> forStation(String station) {
        return Optional.ofNullable(byStation.get(station));
    }

    public boolean isEmpty() {
        return byStation.isEmpty();
    }

    /** Station ids with a key, sorted (for the startup log; keys are public, but ids are enough). */
    public List<String> stations() {
        return List.copyOf(new TreeMap<>(byStation).keySet());
    }
}
