package dev.modelyard.common.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blobs as files under {@code root/sha256/ab/cd/<digest>}. A blob is written to a temporary file
 * while it is hashed and then moved into place atomically, so readers never see a partial blob.
 */
public class FileSystemBlobStore implements BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path incoming;

    public FileSystemBlobStore(Path root) {
        this.root = root.resolve("sha256");
        this.incoming = root.resolve("incoming");
        try {
            Files.createDirectories(this.root);
            Files.createDirectories(this.incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the blob store at " + root, e);
        }
    }

    @Override
    public StoredBlob put(InputStream content) {
        try (BlobWriter writer = writer()) {
            content.transferTo(writer);
            return writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store a blob", e);
        }
    }

    @Override
    public BlobWriter writer() {
        try {
            return new TemporaryFileWriter(Files.createTempFile(incoming, "blob-", ".part"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store a blob", e);
        }
    }

    /** Hashes into a temporary file, then moves it into place under its digest; a closed, unfinished one is deleted. */
    private final class TemporaryFileWriter extends BlobWriter {

        private final Path temp;
        private final MessageDigest digest = sha256();
        private final OutputStream out;
        private long size;
        private boolean closed;

        TemporaryFileWriter(Path temp) throws IOException {
            this.temp = temp;
            this.out = new DigestOutputStream(Files.newOutputStream(temp), digest);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            size++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            size += length;
        }

        @Override
        public StoredBlob finish() {
            try {
                out.close();
                closed = true;
                String hex = HexFormat.of().formatHex(digest.digest());
                Path target = pathOf(hex);
                Files.createDirectories(target.getParent());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    // Same digest, same bytes: the blob is already stored.
                    Files.deleteIfExists(temp);
                }
                return new StoredBlob(hex, size);
            } catch (IOException e) {
                deleteQuietly(temp);
                throw new UncheckedIOException("Cannot store a blob", e);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    out.close();
                } catch (IOException ignored) {
                    // The blob is abandoned; its temporary file goes next.
                }
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public Optional<InputStream> open(String sha256) {
        if (!exists(sha256)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(pathOf(sha256)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String sha256) {
        return SHA256.matcher(sha256).matches() && Files.isRegularFile(pathOf(sha256));
    }

    @Override
    public boolean delete(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return false;
        }
        try {
            return Files.deleteIfExists(pathOf(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pathOf(String hex) {
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Best effort: a stray temporary file is harmless.
            }
        }
    }
}
