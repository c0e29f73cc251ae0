package dev.modelyard.privacy.io;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;

/** Problems in an uploaded file's content, located by line so a user can fix the file. */
public final class ContentErrors {

    /** The multipart field that carries the upload. */
    public static final String FIELD = "file";

    private ContentErrors() {
    }

    public static PlatformException atLine(long line, String message) {
        return PlatformException.badRequest("line " + line + ": " + message, FieldError.line(line, FIELD, message));
    }
}
