package dev.modelyard.trainer;

/**
 * The spec or the data the trainer was given cannot be used as they are; retrying will not help (exit code 2).
 * Messages name the field, the file and the line so that the person who wrote them can fix them.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
