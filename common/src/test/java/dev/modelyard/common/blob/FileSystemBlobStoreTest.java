package dev.modelyard.common.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void storesByContentDigest() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        BlobStore.StoredBlob blob = store.put(stream("hello"));
        // sha256("hello")
        assertThat(blob.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(blob.size()).isEqualTo(5);
        try (InputStream in = store.open(blob.sha256()).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void sameBytesAreStoredOnceAndNoTemporaryFileRemains() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        String first = store.put(stream("same")).sha256();
        String second = store.put(stream("same")).sha256();
        assertThat(first).isEqualTo(second);
        try (var files = Files.list(root.resolve("incoming"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aWrittenBlobIsStoredOnlyWhenFinished() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        BlobStore.StoredBlob blob;
        try (BlobStore.BlobWriter writer = store.writer()) {
            writer.write("hel".getBytes(StandardCharsets.UTF_8));
            writer.write('l');
            writer.write("o".getBytes(StandardCharsets.UTF_8));
            blob = writer.finish();
        }
        assertThat(blob.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(blob.size()).isEqualTo(5);
        assertThat(store.exists(blob.sha256())).isTrue();
    }

    @Test
    void aWriterClosedUnfinishedKeepsNothing() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        try (BlobStore.BlobWriter writer = store.writer()) {
            writer.write("half a blob".getBytes(StandardCharsets.UTF_8));
        }
        try (var files = Files.list(root.resolve("incoming"))) {
            assertThat(files).isEmpty();
        }
        try (var files = Files.walk(root.resolve("sha256"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void rejectsNamesThatAreNotDigests() {
        BlobStore store = new FileSystemBlobStore(root);
        assertThat(store.open("../../etc/passwd")).isEmpty();
        assertThat(store.exists("abc")).isFalse();
        assertThat(store.delete("../x")).isFalse();
    }

    @Test
    void deleteRemovesTheBlob() {
        BlobStore store = new FileSystemBlobStore(root);
        String digest = store.put(stream("gone")).sha256();
        assertThat(store.delete(digest)).isTrue();
        assertThat(store.exists(digest)).isFalse();
        assertThat(store.delete(digest)).isFalse();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
