package dev.modelyard.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    @Test
    void isTheJdksHmacSha256ForKeysAndMessagesOfEveryLength() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int keyLength : new int[] {0, 1, 32, 63, 64, 65, 200}) {
            byte[] key = bytes(random, keyLength);
            HmacSha256 reused = new HmacSha256(key);
            Mac expected = Mac.getInstance("HmacSHA256");
            // The JDK refuses an empty key; HMAC defines it as a block of zeros, which a one-byte zero key pads to.
            expected.init(new SecretKeySpec(keyLength == 0 ? new byte[1] : key, "HmacSHA256"));
            for (int messageLength = 0; messageLength < 300; messageLength += 1 + messageLength / 8) {
                byte[] message = bytes(random, messageLength);
                byte[] out = new byte[HmacSha256.LENGTH];
                reused.mac(message, 0, message.length, out);
                assertThat(out).as("key %d, message %d bytes", keyLength, messageLength)
                        .isEqualTo(expected.doFinal(message)).isEqualTo(reused.mac(message));
            }
        }
    }

    @Test
    void readsOnlyTheGivenRangeOfTheMessage() throws Exception {
        byte[] key = "key".getBytes();
        byte[] buffer = "xxhelloyy".getBytes();
        byte[] out = new byte[HmacSha256.LENGTH];
        new HmacSha256(key).mac(buffer, 2, 5, out);
        Mac expected = Mac.getInstance("HmacSHA256");
        expected.init(new SecretKeySpec(key, "HmacSHA256"));
        assertThat(out).isEqualTo(expected.doFinal("hello".getBytes()));
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
