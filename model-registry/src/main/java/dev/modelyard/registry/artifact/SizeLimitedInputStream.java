package dev.modelyard.registry.artifact;

import dev.modelyard.common.error.PlatformException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes bytes through until more than {@code limit} have come, then fails with 413. */
final class SizeLimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    SizeLimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
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
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) {
        count += n;
        if (count > limit) {
            throw new PlatformException(413, "artifact-too-large", "Artifact too large",
                    "Artifacts may be at most " + limit + " bytes");
        }
    }
}
