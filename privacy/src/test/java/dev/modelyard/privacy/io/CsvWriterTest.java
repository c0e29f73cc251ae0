package dev.modelyard.privacy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void quotesOnlyFieldsWithACommaQuoteOrLineBreak() throws IOException {
        assertThat(written(List.of("plain", "", "a, b", "say \"hi\"", "two\nlines", "cr\rhere", "ü-€")))
                .isEqualTo("plain,,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",ü-€\r\n");
    }

    @Test
    void whatItWritesReadsBackAsTheSameFieldsWhateverTheirLength() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        String alphabet = "ab,\"\n\r x1é";
        List<List<String>> records = new ArrayList<>();
        for (int r = 0; r < 300; r++) {
            List<String> fields = new ArrayList<>();
            for (int f = 0; f < 4; f++) {
                StringBuilder field = new StringBuilder();
                // Up to 600 characters, past the writer's first buffer.
                for (int i = random.nextInt(random.nextBoolean() ? 8 : 600); i > 0; i--) {
                    field.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                fields.add(field.toString());
            }
            // A record that would be one empty field reads back as a blank line, which readers skip.
            fields.set(0, "k" + r);
            records.add(fields);
        }
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        for (List<String> record : records) {
            writer.write(record);
        }
        CsvReader reader = new CsvReader(new Utf8Lines(new ByteArrayInputStream(
                out.toString().getBytes(StandardCharsets.UTF_8))));
        for (List<String> record : records) {
            List<String> read = reader.next();
            // The reader takes CRLF and LF alike as a line end, so a quoted CR LF pair reads back as LF.
            assertThat(read).isEqualTo(record.stream().map(field -> field.replace("\r\n", "\n")).toList());
        }
        assertThat(reader.next()).isNull();
    }

    private static String written(List<String> fields) throws IOException {
        StringWriter out = new StringWriter();
        new CsvWriter(out).write(fields);
        return out.toString();
    }
}
