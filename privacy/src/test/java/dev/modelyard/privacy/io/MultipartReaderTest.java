package dev.modelyard.privacy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    private static final String BOUNDARY = "----form7MA4YWxk";

    private static final String FORM = "preamble to ignore\r\n"
            + "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
            + "Content-Type: text/csv\r\n"
            + "\r\n"
            + "id,text\r\nu-1,\"looks like --" + BOUNDARY + " but no CRLF before\"\n\r\n-\r\n--" + BOUNDARY.substring(0, 9)
            + "\r\n\r\n"
            + "--" + BOUNDARY + "  \r\n"
            + "content-disposition: form-data; name=purpose\r\n"
            + "\r\n"
            + "fine-tune\r\n"
            + "--" + BOUNDARY + "--\r\n"
            + "epilogue to ignore";

    private static final String FILE_CONTENT = "id,text\r\nu-1,\"looks like --" + BOUNDARY + " but no CRLF before\"\n\r\n-\r\n--"
            + BOUNDARY.substring(0, 9) + "\r\n";

    @Test
    void readsPartsInOrderWithTheirHeadersSkippingPreambleAndEpilogue() throws IOException {
        List<ReadPart> parts = readAll(new ByteArrayInputStream(bytes(FORM)));
        assertThat(parts).containsExactly(
                new ReadPart("file", "people.csv", "text/csv", FILE_CONTENT),
                new ReadPart("purpose", null, null, "fine-tune"));
    }

    @Test
    void findsBoundariesHoweverTheInputIsSplitIntoReads() throws IOException {
        List<ReadPart> whole = readAll(new ByteArrayInputStream(bytes(FORM)));
        for (int chunk = 1; chunk <= FORM.length(); chunk++) {
            assertThat(readAll(new ChunkedInput(bytes(FORM), chunk))).as("reads of %d bytes", chunk).isEqualTo(whole);
        }
    }

    @Test
    void keepsLineBreaksInsideAPartAndAllowsEmptyPartsAndABodyWithoutPreamble() throws IOException {
        String form = "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
                + "\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"lines\"\r\n\r\n"
                + "\r\n\r\na\nb\r\n\r\n"
                + "\r\n--" + BOUNDARY + "--";
        assertThat(readAll(new ByteArrayInputStream(bytes(form)))).containsExactly(
                new ReadPart("empty", null, null, ""),
                new ReadPart("lines", null, null, "\r\n\r\na\nb\r\n\r\n"));
    }

    @Test
    void skipsWhatIsLeftOfAPartWhenTheNextIsAskedFor() throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes(FORM)), BOUNDARY);
        MultipartReader.Part file = reader.next();
        assertThat(file.body().read()).isEqualTo('i');
        MultipartReader.Part purpose = reader.next();
        assertThat(file.body().read()).isEqualTo(-1);
        assertThat(purpose.text(64)).isEqualTo("fine-tune");
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void refusesABodyWithoutItsClosingBoundary() {
        String truncatedInAPart = FORM.substring(0, FORM.indexOf("fine-tune") + 4);
        String neverClosed = FORM.substring(0, FORM.lastIndexOf("--" + BOUNDARY + "--"));
        String noBoundaryAtAll = "id,text\r\nu-1,hello\r\n";
        for (String form : List.of(truncatedInAPart, neverClosed, noBoundaryAtAll)) {
            assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(form))))
                    .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("closing boundary");
        }
    }

    @Test
    void refusesMalformedHeadersAndBoundaries() {
        assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), null))
                .isInstanceOf(PlatformException.class).hasMessageContaining("boundary");
        assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), "x".repeat(71)))
                .isInstanceOf(PlatformException.class).hasMessageContaining("boundary");
        String noDisposition = "--" + BOUNDARY + "\r\nContent-Type: text/csv\r\n\r\na\r\n--" + BOUNDARY + "--";
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(noDisposition))))
                .isInstanceOf(PlatformException.class).hasMessageContaining("Content-Disposition");
        String longHeader = "--" + BOUNDARY + "\r\nX-Padding: " + "x".repeat(9000) + "\r\n\r\na\r\n--" + BOUNDARY + "--";
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes(longHeader))))
                .isInstanceOf(PlatformException.class).hasMessageContaining("longer than");
    }

    @Test
    void refusesATextFieldAboveItsLimit() throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes(FORM)), BOUNDARY);
        reader.next();
        MultipartReader.Part purpose = reader.next();
        assertThatThrownBy(() -> purpose.text(4)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("'purpose' is longer than 4 bytes");
    }

    @Test
    void readsDispositionParametersQuotedOrNot() {
        String header = "form-data; name=\"a;b=c\"; filename=\"say \\\"hi\\\".csv\"; extra=token";
        assertThat(MultipartReader.parameter(header, "name")).isEqualTo("a;b=c");
        assertThat(MultipartReader.parameter(header, "filename")).isEqualTo("say \"hi\".csv");
        assertThat(MultipartReader.parameter(header, "extra")).isEqualTo("token");
        assertThat(MultipartReader.parameter(header, "missing")).isNull();
    }

    private static List<ReadPart> readAll(InputStream in) throws IOException {
        MultipartReader reader = new MultipartReader(in, BOUNDARY);
        List<ReadPart> parts = new ArrayList<>();
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            parts.add(new ReadPart(part.name(), part.filename(), part.contentType(),
                    new String(part.body().readAllBytes(), StandardCharsets.UTF_8)));
        }
        return parts;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record ReadPart(String name, String filename, String contentType, String content) {
    }

    /** Hands out at most {@code chunk} bytes per read, the way a network delivers a body. */
    private static final class ChunkedInput extends InputStream {

        private final byte[] bytes;
        private final int chunk;
        private int position;

        ChunkedInput(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, chunk), bytes.length - position);
            System.arraycopy(bytes, position, target, offset, count);
            position += count;
            return count;
        }
    }
}
