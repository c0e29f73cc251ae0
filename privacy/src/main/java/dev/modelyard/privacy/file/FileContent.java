package dev.modelyard.privacy.file;

import java.io.InputStream;

/** A file's anonymized bytes and their media type. */
public record FileContent(InputStream bytes, String mediaType) {
}
