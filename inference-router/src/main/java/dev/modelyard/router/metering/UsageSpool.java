package dev.modelyard.router.metering;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jboss.logging.Logger;

/**
 * The router's write-ahead log of usage events: append-only segment files of framed records
 * ({@code length, CRC-32C, payload}) addressed by a logical offset that grows across segments, and a
 * {@code delivered} marker holding the offset up to which PostgreSQL has every record.
 *
 * <p>An append returns once its record is written to the operating system, in one {@code write}, so a killed
 * process loses nothing it appended; {@link #sync()} fsyncs what was appended since the last call, for many
 * appends at once. An append never waits for a disk: a segment it fills is fsynced and closed, and the new one's
 * directory entry fsynced, by the next {@link #sync()}.
 * Opening a spool recovers it: records up to the marker are skipped, a torn or corrupt tail (a crash
 * mid-write) is cut off, and everything in between is read again by the deliverer. Segments entirely
 * below the marker are deleted.
 */
public final class UsageSpool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UsageSpool.class);
    static final int HEADER_BYTES = 2 * Integer.BYTES;
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final int READ_CHUNK_BYTES = 1 << 20;
    private static final String SEGMENT_SUFFIX = ".spool";
    private static final String MARKER = "delivered";

    /** A segment file and the offset of its first byte; {@code end} moves while it is the active one. */
    private static final class Segment {
        final Path path;
        final long base;
        volatile long end;

        Segment(Path path, long base, long end) {
            this.path = path;
            this.base = base;
            this.end = end;
        }
    }

    /** Records read from {@code start} up to {@code end}, the offset the next read starts from. */
    public record Batch(List<UsageEvent> events, long start, long end) {
        public boolean isEmpty() {
            return events.isEmpty();
        }

        /** When the oldest event of the batch happened, or null for an empty batch. */
        public Instant oldest() {
            return events.isEmpty() ? null : events.getFirst().occurredAt();
        }
    }

    private final Path directory;
    private final long segmentBytes;
    private final long maxBytes;
    private final NavigableMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final AtomicLong pendingEvents = new AtomicLong();
    private final Object appendLock = new Object();
    private volatile Segment active;
    // Not a FileChannel: an interrupted request thread would close a channel mid-write, and every later
    // append would fail. RandomAccessFile's writes and sync() are not interruptible.
    private RandomAccessFile activeFile;
    /** Filled segments' files, fsynced and closed by the next {@link #sync()}; guarded by the append lock. */
    private final List<RandomAccessFile> filled = new ArrayList<>();
    private boolean directoryUnsynced;
    private volatile long end;
    private volatile long delivered;
    private volatile boolean unsynced;
    private int warnedQuarter;
    private boolean closed;

    private UsageSpool(Path directory, long segmentBytes, long maxBytes) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.maxBytes = maxBytes;
    }

    /** Opens (and recovers) the spool in {@code directory}, creating it when missing. */
    public static UsageSpool open(Path directory, long segmentBytes, long maxBytes) throws IOException {
        UsageSpool spool = new UsageSpool(directory, segmentBytes, maxBytes);
        spool.recover();
        return spool;
    }

    private void recover() throws IOException {
        Files.createDirectories(directory);
        delivered = readMarker();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(path -> path.getFileName().toString().endsWith(SEGMENT_SUFFIX)).sorted().toList();
        }
        long pending = 0;
        for (Path file : files) {
            long base = Long.parseLong(file.getFileName().toString().replace(SEGMENT_SUFFIX, ""));
            long size = Files.size(file);
            if (base + size <= delivered) {
                Files.delete(file);
                continue;
            }
            Scan scan = scan(file, Math.max(0, delivered - base), size);
            if (scan.validBytes < size) {
                LOG.warnf("Usage spool segment %s ends in %d unreadable bytes (a write cut short); they are dropped",
                        file.getFileName(), size - scan.validBytes);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(scan.validBytes);
                    channel.force(true);
                }
            }
            pending += scan.records;
            segments.put(base, new Segment(file, base, base + scan.validBytes));
        }
        pendingEvents.set(pending);
        Map.Entry<Long, Segment> last = segments.lastEntry();
        long lastEnd = last == null ? delivered : Math.max(delivered, last.getValue().end);
        if (last != null && last.getValue().end == lastEnd && last.getValue().end - last.getKey() < segmentBytes) {
            active = last.getValue();
            activeFile = new RandomAccessFile(active.path.toFile(), "rw");
            activeFile.seek(activeFile.length());
        } else {
            startSegment(lastEnd);
        }
        end = active.end;
        syncDirectory();
        directoryUnsynced = false;
        if (pending > 0) {
            LOG.infof("Usage spool %s holds %d undelivered events (%d bytes); they will be delivered", directory,
                    pending, end - delivered);
        }
    }

    private record Scan(long validBytes, long records) {
    }

    /** Walks the frames of a segment from {@code from}; stops at the first one that is incomplete or corrupt. */
    private static Scan scan(Path file, long from, long size) throws IOException {
        long position = from;
        long records = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (position + HEADER_BYTES <= size) {
                header.clear();
                readFully(channel, header, position);
                int length = header.getInt(0);
                if (length <= 0 || length > MAX_PAYLOAD_BYTES || position + HEADER_BYTES + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(channel, payload, position + HEADER_BYTES);
                if (crc(payload.array(), 0, length) != header.getInt(Integer.BYTES)) {
                    break;
                }
                position += HEADER_BYTES + length;
                records++;
            }
        }
        return new Scan(position, records);
    }

    /**
     * Appends one event in one {@code write} and returns once the operating system has it. Returns false, and keeps
     * nothing, when the spool already holds its maximum of undelivered data.
     */
    public boolean append(UsageEvent event) throws IOException {
        byte[] payload = UsageEventCodec.encode(event);
        byte[] frame = ByteBuffer.allocate(HEADER_BYTES + payload.length)
                .putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload).array();
        synchronized (appendLock) {
            if (closed) {
                throw new IOException("The usage spool is closed");
            }
            if (end - delivered + frame.length > maxBytes) {
                return false;
            }
            if (end - active.base + frame.length > segmentBytes && end > active.base) {
                RandomAccessFile full = activeFile;
                startSegment(end);
                filled.add(full);
                unsynced = true;
            }
            try {
                activeFile.write(frame);
            } catch (IOException e) {
                // A frame cut short (a full disk) must not sit before later appends: recovery stops at it.
                try {
                    activeFile.setLength(end - active.base);
                    activeFile.seek(end - active.base);
                } catch (IOException truncation) {
                    e.addSuppressed(truncation);
                }
                throw e;
            }
            end += frame.length;
            active.end = end;
            unsynced = true;
            pendingEvents.incrementAndGet();
            warnAsItGrows(end - delivered);
            return true;
        }
    }

    private void startSegment(long base) throws IOException {
        Path path = directory.resolve(String.format("%020d%s", base, SEGMENT_SUFFIX));
        activeFile = new RandomAccessFile(path.toFile(), "rw");
        activeFile.seek(activeFile.length());
        active = new Segment(path, base, base + activeFile.length());
        segments.put(base, active);
        directoryUnsynced = true;
    }

    private void warnAsItGrows(long spooled) {
        int quarter = (int) (spooled * 4 / maxBytes);
        if (quarter > warnedQuarter) {
            warnedQuarter = quarter;
            LOG.warnf("Usage spool holds %d MiB of undelivered events, %d%% of its %d MiB limit: is PostgreSQL reachable?",
                    spooled >> 20, quarter * 25, maxBytes >> 20);
        }
    }

    /**
     * Fsyncs what was appended since the last call, closing the segments that filled up meanwhile; appends go on
     * meanwhile.
     */
    public void sync() throws IOException {
        if (!unsynced) {
            return;
        }
        unsynced = false;
        RandomAccessFile file;
        List<RandomAccessFile> closing;
        boolean newSegment;
        synchronized (appendLock) {
            file = activeFile;
            closing = List.copyOf(filled);
            filled.clear();
            newSegment = directoryUnsynced;
            directoryUnsynced = false;
        }
        for (RandomAccessFile full : closing) {
            full.getFD().sync();
            full.close();
        }
        if (newSegment) {
            syncDirectory();
        }
        try {
            file.getFD().sync();
        } catch (IOException e) {
            synchronized (appendLock) {
                if (file == activeFile && !closed) {
                    throw e;
                }
            }
            // Close synced that segment before closing it.
        }
    }

    /** Up to {@code maxEvents} records from {@code from} (an offset some earlier batch ended at, or the marker). */
    public Batch read(long from, int maxEvents) throws IOException {
        long limit = end;
        List<UsageEvent> events = new ArrayList<>(Math.min(maxEvents, 1024));
        long position = from;
        while (events.size() < maxEvents && position < limit) {
            Map.Entry<Long, Segment> entry = segments.floorEntry(position);
            Segment segment = entry == null ? segments.firstEntry().getValue() : entry.getValue();
            if (position < segment.base) {
                position = segment.base;
            }
            long segmentEnd = Math.min(segment.end, limit);
            if (position >= segmentEnd) {
                Map.Entry<Long, Segment> next = segments.higherEntry(segment.base);
                if (next == null) {
                    break;
                }
                position = next.getKey();
                continue;
            }
            position = readSegment(segment, position, segmentEnd, maxEvents, events);
        }
        return new Batch(List.copyOf(events), from, position);
    }

    private static long readSegment(Segment segment, long from, long to, int maxEvents, List<UsageEvent> events)
            throws IOException {
        long position = from;
        try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ)) {
            while (events.size() < maxEvents && position < to) {
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(READ_CHUNK_BYTES, to - position));
                readFully(channel, chunk, position - segment.base);
                chunk.flip();
                int consumed = 0;
                while (events.size() < maxEvents && chunk.remaining() >= HEADER_BYTES) {
                    int length = chunk.getInt(chunk.position());
                    if (length <= 0 || length > MAX_PAYLOAD_BYTES) {
                        throw new IOException("Usage spool segment " + segment.path + " is corrupt at offset " + position);
                    }
                    if (chunk.remaining() < HEADER_BYTES + length) {
                        break;
                    }
                    int checksum = chunk.getInt(chunk.position() + Integer.BYTES);
                    int payloadAt = chunk.position() + HEADER_BYTES;
                    if (crc(chunk.array(), payloadAt, length) != checksum) {
                        throw new IOException("Usage spool segment " + segment.path + " fails its checksum at offset "
                                + position);
                    }
                    events.add(UsageEventCodec.decode(chunk.slice(payloadAt, length)));
                    chunk.position(payloadAt + length);
                    consumed += HEADER_BYTES + length;
                    position += HEADER_BYTES + length;
                }
                if (consumed == 0) {
                    break;
                }
            }
        }
        return position;
    }

    /**
     * Records that PostgreSQL has every event of {@code batch} (and all before it): moves the marker and
     * deletes the segments that lie wholly below it.
     */
    public void markDelivered(Batch batch) throws IOException {
        Path temporary = directory.resolve(MARKER + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(Long.toString(batch.end()).getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(temporary, directory.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        delivered = batch.end();
        pendingEvents.addAndGet(-batch.events().size());
        for (Segment segment : segments.headMap(batch.end(), false).values()) {
            if (segment != active && segment.end <= batch.end()) {
                segments.remove(segment.base);
                Files.deleteIfExists(segment.path);
            }
        }
        synchronized (appendLock) {
            warnedQuarter = Math.min(warnedQuarter, (int) ((end - delivered) * 4 / maxBytes));
        }
    }

    private long readMarker() throws IOException {
        Path marker = directory.resolve(MARKER);
        if (!Files.exists(marker)) {
            return 0;
        }
        return Long.parseLong(Files.readString(marker, StandardCharsets.US_ASCII).trim());
    }

    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** The offset up to which PostgreSQL has every event. */
    public long deliveredOffset() {
        return delivered;
    }

    /** Bytes appended but not yet delivered. */
    public long spooledBytes() {
        return end - delivered;
    }

    /** Events appended but not yet delivered. */
    public long pendingEvents() {
        return pendingEvents.get();
    }

    @Override
    public void close() throws IOException {
        synchronized (appendLock) {
            if (closed) {
                return;
            }
            closed = true;
            for (RandomAccessFile full : filled) {
                full.getFD().sync();
                full.close();
            }
            filled.clear();
            activeFile.getFD().sync();
            activeFile.close();
            if (directoryUnsynced) {
                syncDirectory();
            }
        }
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new EOFException("A usage spool segment ended before the record did");
            }
            at += read;
        }
    }
}
