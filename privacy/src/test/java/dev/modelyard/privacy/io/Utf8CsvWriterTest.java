package dev.modelyard.privacy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8CsvWriterTest {

    @Test
    void writesTheBytesACsvWriterWritesThroughAUtf8Writer() throws IOException {
        SplittableRandom random = new SplittableRandom(31);
        // Quotes, separators, line breaks, two- and three-byte characters, a surrogate pair and lone surrogates.
        String[] pieces = {"a", "Z", "1", " ", ",", "\"", "\n", "\r", "é", "€", "\uD83D\uDE42", "\uD83D", "\uDE42", "x,y"};
        List<List<String>> records = new ArrayList<>();
        for (int r = 0; r < 2000; r++) {
            List<String> fields = new ArrayList<>();
            for (int f = random.nextInt(1, 6); f > 0; f--) {
                StringBuilder field = new StringBuilder();
                // Now and then longer than the writer's buffer.
                for (int i = random.nextInt(random.nextInt(50) == 0 ? 40_000 : 12); i > 0; i--) {
                    field.append(pieces[random.nextInt(pieces.length)]);
                }
                fields.add(field.toString());
            }
            records.add(fields);
        }

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Writer text = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
        CsvWriter csv = new CsvWriter(text);
        ByteArrayOutputStream asStrings = new ByteArrayOutputStream();
        Utf8CsvWriter strings = new Utf8CsvWriter(asStrings);
        ByteArrayOutputStream asBytes = new ByteArrayOutputStream();
        Utf8CsvWriter bytes = new Utf8CsvWriter(asBytes);
        for (List<String> record : records) {
            csv.write(record);
            strings.write(record);
            for (String field : record) {
                byte[] ascii = field.getBytes(StandardCharsets.UTF_8);
                if (ascii.length == field.length()) {
                    // Given as a range of a longer array, as a field of a line is.
                    byte[] line = new byte[ascii.length + 4];
                    System.arraycopy(ascii, 0, line, 2, ascii.length);
                    bytes.field(line, 2, 2 + ascii.length);
                } else {
                    bytes.field(field);
                }
            }
            bytes.endRecord();
        }
        text.flush();
        strings.flush();
        bytes.flush();

        assertThat(asStrings.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(asBytes.toByteArray()).isEqualTo(expected.toByteArray());
    }
}
