package dev.modelyard.privacy.file;

import dev.modelyard.common.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Writes one blob as it is produced. {@link BlobStore#put} pulls its content, so it runs on a virtual thread
 * and reads what is written here through a short queue of chunks: memory stays bounded and no copy of the
 * content lands anywhere but the store. Only {@link #finish()} lets the blob be stored; {@link #abandon()}
 * makes the store's read fail, so it keeps nothing of a half-written blob.
 */
final class BlobOutputStream extends OutputStream {

    private static final int CHUNK_SIZE = 64 * 1024;
    private static final int QUEUED_CHUNKS = 4;
    private static final byte[] END = new byte[0];
    private static final byte[] ABANDONED = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final FutureTask<BlobStore.StoredBlob> stored;
    private byte[] chunk = new byte[CHUNK_SIZE];
    private int filled;
    private boolean done;

    BlobOutputStream(BlobStore blobs) {
        stored = new FutureTask<>(() -> blobs.put(new ChunkInput()));
        Thread.ofVirtual().name("blob-writer").start(stored);
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == chunk.length) {
            handOver();
        }
        chunk[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == chunk.length) {
                handOver();
            }
            int count = Math.min(length, chunk.length - filled);
            System.arraycopy(bytes, offset, chunk, filled, count);
            filled += count;
            offset += count;
            length -= count;
        }
    }

    /** Ends the content and waits until the store holds it. */
    BlobStore.StoredBlob finish() throws IOException {
        if (filled > 0) {
            handOver();
        }
        done = true;
        enqueue(END);
        try {
            return stored.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing a blob");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("Cannot store a blob", e.getCause());
        }
    }

    /** Makes the store drop what it has read so far, and waits until it has. */
    void abandon() {
        if (done) {
            return;
        }
        done = true;
        try {
            enqueue(ABANDONED);
            stored.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | ExecutionException expected) {
            // The store failed as it was told to, or had failed already; either way it kept nothing.
        }
    }

    private void handOver() throws IOException {
        enqueue(filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled));
        chunk = new byte[CHUNK_SIZE];
        filled = 0;
    }

    /** Waits for room in the queue, giving up if the store has stopped reading (a full disk, say). */
    private void enqueue(byte[] item) throws IOException {
        try {
            while (!chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (stored.isDone()) {
                    throw new IOException("The blob store stopped reading");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing a blob");
        }
    }

    /** What the store reads: the queued chunks, in order. */
    private final class ChunkInput extends InputStream {

        private byte[] current = new byte[0];
        private int position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            while (position == current.length) {
                if (current == END) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while storing a blob");
                }
                position = 0;
                if (current == ABANDONED) {
                    throw new IOException("The blob was abandoned before its end");
                }
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, count);
            position += count;
            return count;
        }
    }
}
