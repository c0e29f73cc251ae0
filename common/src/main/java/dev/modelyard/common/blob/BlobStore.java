package dev.modelyard.common.blob;

import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed storage for datasets and model artifacts: a blob is named by the SHA-256 of its
 * bytes, so a stored blob never changes and the same bytes are stored once.
 */
public interface BlobStore {

    /** Streams {@code content} into the store without holding it in memory. */
    StoredBlob put(InputStream content);

    /** The blob's bytes, or empty when no blob has that digest. */
    Optional<InputStream> open(String sha256);

    boolean exists(String sha256);

    /** Removes the blob; true when it existed. */
    boolean delete(String sha256);

    record StoredBlob(String sha256, long size) {
    }
}
