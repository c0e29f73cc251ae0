package dev.modelyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsaPemKeysTest {

    @TempDir
    Path dir;

    @Test
    void writesAMatchingPkcs8AndX509PairOnce() throws Exception {
        Path privatePath = dir.resolve("keys/internal-token.key");
        Path publicPath = dir.resolve("keys/internal-token.pub");

        assertThat(RsaPemKeys.ensureKeyPair(privatePath, publicPath)).isTrue();

        String privatePem = Files.readString(privatePath);
        String publicPem = Files.readString(publicPath);
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(privatePem.lines()).allMatch(line -> line.length() <= 64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privatePath))).isEqualTo("rw-------");

        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem, "PRIVATE KEY")));
        PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(publicPem, "PUBLIC KEY")));
        byte[] message = "internal token".getBytes();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();

        assertThat(RsaPemKeys.ensureKeyPair(privatePath, publicPath)).isFalse();
        assertThat(Files.readString(privatePath)).isEqualTo(privatePem);
        assertThat(Files.readString(publicPath)).isEqualTo(publicPem);
    }

    private static byte[] der(String pem, String label) {
        String body = pem.replace("-----BEGIN " + label + "-----", "").replace("-----END " + label + "-----", "");
        return Base64.getMimeDecoder().decode(body);
    }
}
