package dev.modelyard.training.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressLogTest {

    @TempDir
    Path dir;

    @Test
    void readsCompleteLinesAndContinuesFromItsOffset() throws Exception {
        Path file = dir.resolve("progress.jsonl");
        assertThat(ProgressLog.readFrom(file, 0, false)).isEqualTo(new ProgressLog.Chunk(List.of(), 0, true));

        append(file, "{\"type\":\"started\"}\n{\"type\":\"step\",");
        ProgressLog.Chunk first = ProgressLog.readFrom(file, 0, false);
        assertThat(first.lines()).containsExactly("{\"type\":\"started\"}");
        assertThat(first.nextOffset()).isEqualTo("{\"type\":\"started\"}\n".length());
        assertThat(first.atEnd()).as("a line is being written").isFalse();

        append(file, "\"step\":1}\n\n{\"type\":\"completed\"}");
        ProgressLog.Chunk second = ProgressLog.readFrom(file, first.nextOffset(), false);
        assertThat(second.lines()).containsExactly("{\"type\":\"step\",\"step\":1}");

        ProgressLog.Chunk last = ProgressLog.readFrom(file, second.nextOffset(), true);
        assertThat(last.lines()).containsExactly("{\"type\":\"completed\"}");
        assertThat(last.nextOffset()).isEqualTo(Files.size(file));
        assertThat(last.atEnd()).isTrue();
        assertThat(ProgressLog.readFrom(file, last.nextOffset(), true).lines()).isEmpty();
    }

    @Test
    void readsALargeBacklogInChunks() throws Exception {
        Path file = dir.resolve("progress.jsonl");
        String line = "{\"type\":\"step\",\"loss\":0.5}\n";
        append(file, line.repeat(ProgressLog.MAX_CHUNK / line.length() + 10));
        ProgressLog.Chunk first = ProgressLog.readFrom(file, 0, true);
        assertThat(first.atEnd()).isFalse();
        ProgressLog.Chunk rest = ProgressLog.readFrom(file, first.nextOffset(), true);
        assertThat(rest.atEnd()).isTrue();
        assertThat(first.lines().size() + rest.lines().size()).isEqualTo(ProgressLog.MAX_CHUNK / line.length() + 10);
        assertThat(rest.nextOffset()).isEqualTo(Files.size(file));
    }

    @Test
    void knowsTheLastLine() throws Exception {
        Path file = dir.resolve("progress.jsonl");
        assertThat(ProgressLog.lastLine(file)).isEmpty();
        append(file, "{\"type\":\"started\"}\n{\"type\":\"completed\",\"epsilon\":2.0}\n\n");
        assertThat(ProgressLog.lastLine(file)).hasValueSatisfying(line -> {
            assertThat(line.is(ProgressLine.COMPLETED)).isTrue();
            assertThat(line.number("epsilon")).hasValue(2.0);
        });
        append(file, "not json\n");
        assertThat(ProgressLog.lastLine(file)).isEmpty();
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
