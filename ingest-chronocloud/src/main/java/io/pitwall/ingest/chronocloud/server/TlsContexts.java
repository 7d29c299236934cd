package io.pitwall.ingest.chronocloud.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Builds the server's TLS context from PEM files, failing at start with a message that names them. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @param certificateChain PEM certificate chain, server certificate first
     * @param privateKey       PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY} or, with a password,
     *                         {@code BEGIN ENCRYPTED PRIVATE KEY})
     * @param password         the key's password, or null
     */
    public static SslContext server(Path certificateChain, Path privateKey, String password) {
        for (Path file : new Path[] {certificateChain, privateKey}) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("TLS file " + file + " does not exist or is not readable");
            }
        }
        try {
            return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile(), password).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Could not load the TLS certificate " + certificateChain + " and key "
                    + privateKey + " (the key must be PKCS#8 PEM: openssl pkcs8 -topk8 converts others): "
                    + e.getMessage(), e);
        }
    }
}
