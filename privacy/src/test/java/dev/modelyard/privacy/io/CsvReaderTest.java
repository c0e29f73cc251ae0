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
import java.util.SplittableRandom;
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
    void cutsNonAsciiFieldsWholeAndDropsTheByteOrderMark() throws IOException {
        List<List<String>> records = readAll("\uFEFFnom,ville\r\nZoë,Zürich\r\n\"a, é\",\"€ \"\"x\"\"\nligne 2\"\r\n😀,,\n\"\",\n");
        assertThat(records).containsExactly(List.of("nom", "ville"), List.of("Zoë", "Zürich"),
                List.of("a, é", "€ \"x\"\nligne 2"), List.of("😀", "", ""), List.of("", ""));
    }

    @Test
    void refusesInvalidUtf8InsideAQuotedFieldOnItsOwnLine() {
        byte[] bytes = "a\n\"one\ntwo \u00e9\nthree\"\n".getBytes(StandardCharsets.UTF_8);
        bytes["a\n\"one\ntwo ".length() + 1] = (byte) 0x41;
        assertThatThrownBy(() -> readAll(bytes))
                .isInstanceOf(PlatformException.class).hasMessage("line 3: not valid UTF-8");
    }

    @Test
    void readsFieldsLongerThanItsBuffersWhole() throws IOException {
        String plain = "x".repeat(100_000);
        String escaped = "é\"\n".repeat(30_000);
        String csv = plain + ",\"" + escaped.replace("\"", "\"\"") + "\"\r\n";
        assertThat(readAll(csv)).containsExactly(List.of(plain, escaped));
    }

    @Test
    void readsBackEveryFieldHoweverItWasQuotedAndWhateverItsLineEnds() throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        String alphabet = "ab ,\"\n1é€😀";
        List<List<String>> records = new ArrayList<>();
        StringBuilder csv = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
        for (int r = 0; r < 500; r++) {
            List<String> fields = new ArrayList<>(List.of("k" + r));
            for (int f = random.nextInt(4); f > 0; f--) {
                StringBuilder field = new StringBuilder();
                for (int i = random.nextInt(random.nextInt(10) == 0 ? 3000 : 12); i > 0; i--) {
                    field.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                fields.add(field.toString());
            }
            records.add(fields);
            for (int f = 0; f < fields.size(); f++) {
                String field = fields.get(f);
                boolean needsQuotes = field.contains(",") || field.contains("\"") || field.contains("\n");
                csv.append(f > 0 ? "," : "").append(needsQuotes || random.nextInt(4) == 0
                        ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
            }
            csv.append(random.nextBoolean() ? "\r\n" : "\n");
        }
        assertThat(readAll(csv.toString())).isEqualTo(records);
    }

    @Test
    void writerQuotesOnlyWhereNeededAndRoundTrips() throws IOException {
        StringWriter out = new StringWriter();
        List<String> record = List.of("plain", "a, b", "say \"hi\"", "two\nlines");
        new CsvWriter(out).write(record);
        assertThat(out.toString()).isEqualTo("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
        assertThat(readAll(out.toString())).containsExactly(record);
    }

    @Test
    void aRecordReadAsBytesHasTheFieldsAndHashCodesOfTheRecordReadAsText() throws IOException {
        SplittableRandom random = new SplittableRandom(23);
        // Quotes, commas and line breaks in and around fields; now and then a character beyond ASCII.
        String alphabet = "ab1 ,\"\r\n-x";
        int records = 0;
        int inBytes = 0;
        for (int file = 0; file < 400; file++) {
            StringBuilder csv = new StringBuilder();
            for (int line = 0; line < 20; line++) {
                for (int field = random.nextInt(1, 5); field > 0; field--) {
                    StringBuilder value = new StringBuilder();
                    for (int i = random.nextInt(8); i > 0; i--) {
                        value.append(random.nextInt(100) == 0 ? 'é' : alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    String text = value.toString();
                    boolean quoted = random.nextBoolean() || text.contains(",") || text.contains("\n")
                            || text.startsWith("\"");
                    // Once in a while a field as it comes, which may leave a quote open or one out of place.
                    csv.append(random.nextInt(60) == 0 || !quoted ? text : '"' + text.replace("\"", "\"\"") + '"');
                    csv.append(field > 1 ? "," : "");
                }
                csv.append(random.nextBoolean() ? "\n" : "\r\n");
            }
            int[] counted = compareReadings(csv.toString());
            records += counted[0];
            inBytes += counted[1];
        }
        assertThat(records).isGreaterThan(2000);
        assertThat(inBytes).as("records read as bytes").isBetween(records / 10, records - records / 10);
    }

    /** Reads a file both ways, record by record, until its end or an error both must report; records, in bytes. */
    private static int[] compareReadings(String csv) throws IOException {
        CsvReader asText = reader(csv);
        CsvReader asBytes = reader(csv);
        int records = 0;
        int inBytes = 0;
        while (true) {
            List<String> expected;
            try {
                expected = asText.next();
            } catch (PlatformException e) {
                assertThatThrownBy(asBytes::nextRecord).isInstanceOf(PlatformException.class).hasMessage(e.getMessage());
                return new int[] {records, inBytes};
            }
            CsvReader.Record record = asBytes.nextRecord();
            if (expected == null) {
                assertThat(record).isNull();
                return new int[] {records, inBytes};
            }
            records++;
            inBytes += record.inBytes() ? 1 : 0;
            assertThat(asBytes.recordLine()).isEqualTo(asText.recordLine());
            assertThat(record.size()).isEqualTo(expected.size());
            for (int i = 0; i < record.size(); i++) {
                if (record.inBytes()) {
                    assertThat(new String(record.bytes(), record.start(i), record.end(i) - record.start(i),
                            StandardCharsets.US_ASCII)).isEqualTo(expected.get(i));
                    assertThat(record.hash(i)).isEqualTo(expected.get(i).hashCode());
                }
                assertThat(record.get(i)).isEqualTo(expected.get(i));
            }
        }
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
