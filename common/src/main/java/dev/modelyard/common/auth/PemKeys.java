package dev.modelyard.common.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads RSA keys as PEM (PKCS#8 private, X.509 public) from a file or the classpath. The embedded
 * stack's launcher writes the pair on first start.
 */
public final class PemKeys {

    private PemKeys() {
    }

    public static PublicKey readPublic(String location) {
        return generate(location, "PUBLIC KEY", der -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
    }

    public static PrivateKey readPrivate(String location) {
        return generate(location, "PRIVATE KEY", der -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    private interface KeyReader<K> {
        K read(byte[] der) throws GeneralSecurityException;
    }

    private static <K> K generate(String location, String label, KeyReader<K> reader) {
        String text = read(location);
        String body = text.replace("-----BEGIN " + label + "-----", "")
                .replace("-----END " + label + "-----", "")
                .replaceAll("\\s", "");
        try {
            return reader.read(Base64.getDecoder().decode(body));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Not a PEM " + label + ": " + location, e);
        }
    }

    private static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("No such classpath resource: " + resource);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            return Files.readString(Path.of(location), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read key " + location, e);
        }
    }
}
