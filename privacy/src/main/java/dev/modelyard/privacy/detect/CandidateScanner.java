package dev.modelyard.privacy.detect;

/**
 * Proposes a recognizer's candidates without a regular expression: reads the text from a start on and says
 * where the candidate beginning there ends. Each answers exactly what its recognizer's pattern would, matched
 * from the start with the text before it visible to lookbehinds and word boundaries.
 */
@FunctionalInterface
public interface CandidateScanner {

    /** The end (exclusive) of the candidate that begins at {@code start} of {@code text}, or -1 where none does. */
    int end(String text, int start);
}
