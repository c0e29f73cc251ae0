package dev.modelyard.privacy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void readsQuotedFieldsWithCommasEscapedQuotesAndLineBreaks() throws IOException {
        List<List<String>> records = readAll("id,text\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\n");
        assertThat(records).containsExactly(
                List.of("id", "text"), List.of("1", "a, b"), List.of("2", "say \"hi\""),
                List.of("3", "two\nlines"), List.of("4", ""));
    }

    @Test
    void reportsTheLineEachRecordStartsOn() throws IOException {
        CsvReader reader = reader("h\n\"multi\nline\"\n\nnext\n");
        reader.next();
        reader.next();
        assertThat(reader.recordLine()).isEqualTo(2);
        assertThat(reader.next()).containsExactly("next");
        assertThat(reader.recordLine()).isEqualTo(5);
        assertThat(reader.next()).isNull();
    }

    @Test
    void readsRaggedRowsAsTheyAreForTheCallerToJudge() throws IOException {
        assertThat(readAll("a,b,c\n1,2\n1,2,3,4\n")).extracting(List::size).containsExactly(3, 2, 4);
    }

    @Test
    void refusesAnUnclosedQuoteAndTextAfterAClosingQuote() {
        assertThatThrownBy(() -> readAll("a\n\"open\nstill open\n"))
                .isInstanceOf(PlatformException.class).hasMessage("line 2: quoted field is never closed");
        assertThatThrownBy(() -> readAll("a,b\n\"x\"y,1\n"))
                .isInstanceOf(PlatformException.class).hasMessage("line 2: unexpected character after a closing quote");
    }

    @Test
    void refusesInvalidUtf8OnTheLineThatHoldsIt() {
        byte[] bytes = "a,b\n1,2\n3,\u00e9\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length);
        broken[broken.length - 2] = (byte) 0xff;
        assertThatThrownBy(() -> readAll(broken))
                .isInstanceOf(PlatformException.class).hasMessage("line 3: not valid UTF-8");
    }

    @Test
    void writerQuotesOnlyWhereNeededAndRoundTrips() throws IOException {
        StringWriter out = new StringWriter();
        List<String> record = List.of("plain", "a, b", "say \"hi\"", "two\nlines");
        new CsvWriter(out).write(record);
        assertThat(out.toString()).isEqualTo("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
        assertThat(readAll(out.toString())).containsExactly(record);
    }

    private static List<List<String>> readAll(String csv) throws IOException {
        return readAll(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static List<List<String>> readAll(byte[] csv) throws IOException {
        CsvReader reader = new CsvReader(new Utf8Lines(new ByteArrayInputStream(csv)));
        List<List<String>> records = new ArrayList<>();
        for (List<String> record = reader.next(); record != null; record = reader.next()) {
            records.add(record);
        }
        return records;
    }

    private static CsvReader reader(String csv) {
        return new CsvReader(new Utf8Lines(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));
    }
}
