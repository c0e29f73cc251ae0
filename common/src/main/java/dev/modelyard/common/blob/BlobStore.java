package dev.modelyard.common.blob;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Content-addressed storage for datasets and model artifacts: a blob is named by the SHA-256 of its
 * bytes, so a stored blob never changes and the same bytes are stored once.
 */
public interface BlobStore {

    /** Streams {@code content} into the store without holding it in memory. */
    StoredBlob put(InputStream content);

    /**
     * A blob written as it is produced, for content that is pushed rather than pulled (an anonymizer's
     * output): nothing is visible until {@link BlobWriter#finish()}; closing without finishing keeps nothing.
     */
    BlobWriter writer();

    /** The push side of {@link #put}: write, then {@link #finish()}; {@link #close()} alone abandons the blob. */
    abstract class BlobWriter extends OutputStream {

        /** Stores what was written and says under which digest. */
        public abstract StoredBlob finish();
    }

    /** The blob's bytes, or empty when no blob has that digest. */
    Optional<InputStream> open(String sha256);

    boolean exists(String sha256);

    /** Removes the blob; true when it existed. */
    boolean delete(String sha256);

    record StoredBlob(String sha256, long size) {
    }
}
