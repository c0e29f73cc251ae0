package dev.modelyard.privacy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8LinesTest {

    @Test
    void splitsOnLfAndCrLfAndDropsTheByteOrderMarkOfTheFirstLineOnly() throws IOException {
        assertThat(readAll("\uFEFFhé\r\nplain\n\r\n\uFEFFkept\nlast"))
                .containsExactly("hé", "plain", "", "\uFEFFkept", "last");
        assertThat(readAll("\uFEFF\r\nnext\n")).containsExactly("", "next");
        assertThat(readAll("")).isEmpty();
    }

    @Test
    void readsLinesLongerThanItsBuffersWhole() throws IOException {
        String ascii = "a".repeat(200_000);
        String mixed = "é€😀x".repeat(40_000);
        assertThat(readAll(ascii + "\n" + mixed + "\r\n" + ascii)).containsExactly(ascii, mixed, ascii);
    }

    @Test
    void refusesALineLongerThanTheLimitOnThatLine() {
        byte[] bytes = new byte[Utf8Lines.MAX_LINE_BYTES + 8];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[1] = '\n';
        assertThatThrownBy(() -> readAll(bytes))
                .isInstanceOf(PlatformException.class)
                .hasMessage("line 2: line is longer than " + Utf8Lines.MAX_LINE_BYTES + " bytes");
    }

    @Test
    void acceptsAndRefusesExactlyWhatAStrictUtf8DecoderDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        byte[] interesting = {'a', ',', '"', (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC3, (byte) 0xE0,
            (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF, (byte) 0xA0, (byte) 0x9F};
        for (int n = 0; n < 5_000; n++) {
            byte[] line = new byte[random.nextInt(1, 12)];
            for (int i = 0; i < line.length; i++) {
                line[i] = interesting[random.nextInt(interesting.length)];
            }
            String expected = strictlyDecoded(line);
            byte[] file = ("ok\n" + new String(line, StandardCharsets.ISO_8859_1) + "\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            if (expected == null) {
                assertThatThrownBy(() -> readAll(file)).hasMessage("line 2: not valid UTF-8");
            } else {
                assertThat(readAll(file)).containsExactly("ok", expected);
            }
        }
    }

    private static String strictlyDecoded(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static List<String> readAll(String text) throws IOException {
        return readAll(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> readAll(byte[] bytes) throws IOException {
        Utf8Lines lines = new Utf8Lines(new ByteArrayInputStream(bytes));
        List<String> read = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            read.add(line);
        }
        return read;
    }
}
