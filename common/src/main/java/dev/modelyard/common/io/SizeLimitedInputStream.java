package dev.modelyard.common.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Passes bytes through and fails as soon as more than {@code limit} have come, so a body that is too
 * large is refused while it streams, without knowing its length in advance or holding it.
 */
public final class SizeLimitedInputStream extends FilterInputStream {

    private final long limit;
    private final Supplier<? extends RuntimeException> tooLarge;
    private long count;

    /** @param tooLarge what is thrown once the limit is passed (typically a 413 problem) */
    public SizeLimitedInputStream(InputStream in, long limit, Supplier<? extends RuntimeException> tooLarge) {
        super(in);
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int read = super.read(bytes, offset, length);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    private void counted(int bytes) {
        count += bytes;
        if (count > limit) {
            throw tooLarge.get();
        }
    }
}
