package dev.modelyard.privacy.file;

import java.nio.file.Path;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A file as it arrived, spooled to {@code path} by the HTTP layer and not yet checked; {@code path} is
 * null when the request had no file part.
 */
public record Upload(Path path, String filename, String contentType, String purpose) {

    public static Upload of(FileUpload file, String purpose) {
        return file == null
                ? new Upload(null, null, null, purpose)
                : new Upload(file.uploadedFile(), file.fileName(), file.contentType(), purpose);
    }
}
