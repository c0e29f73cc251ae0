package dev.modelyard.training.executor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a progress file while the trainer is still appending to it. The reader keeps the byte offset it
 * has consumed, so a restarted orchestrator continues exactly where the last one stopped.
 */
public final class ProgressLog {

    /** At most this much is read at once; the rest follows on the next read. */
    static final int MAX_CHUNK = 1 << 20;
    private static final int TAIL_WINDOW = 64 * 1024;

    private ProgressLog() {
    }

    /** Non-blank lines read, the offset to continue from, and whether that offset is the end of the file. */
    public record Chunk(List<String> lines, long nextOffset, boolean atEnd) {
    }

    /**
     * The complete lines after {@code offset}. A last line without its newline is left for the next read,
     * since the trainer may be writing it, unless {@code ended} says that nothing more will come.
     */
    public static Chunk readFrom(Path file, long offset, boolean ended) throws IOException {
        if (!Files.exists(file)) {
            return new Chunk(List.of(), offset, true);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) {
                return new Chunk(List.of(), offset, true);
            }
            byte[] bytes = read(channel, offset, (int) Math.min(size - offset, MAX_CHUNK));
            boolean toTheEnd = offset + bytes.length >= size;
            int consumed = ended && toTheEnd ? bytes.length : lastNewline(bytes) + 1;
            return new Chunk(lines(new String(bytes, 0, consumed, StandardCharsets.UTF_8)), offset + consumed,
                    offset + consumed >= size);
        }
    }

    /** The last non-blank line of the file, complete or not, if it is a progress line. */
    public static Optional<ProgressLine> lastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = Math.max(0, channel.size() - TAIL_WINDOW);
            List<String> lines = lines(new String(read(channel, start, (int) (channel.size() - start)),
                    StandardCharsets.UTF_8));
            return lines.isEmpty() ? Optional.empty() : ProgressLine.parse(lines.get(lines.size() - 1));
        }
    }

    /** Up to {@code length} bytes from {@code start}; fewer when the file ends first. */
    private static byte[] read(FileChannel channel, long start, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, start + buffer.position()) <= 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                lines.add(trimmed);
            }
        }
        return lines;
    }
}
