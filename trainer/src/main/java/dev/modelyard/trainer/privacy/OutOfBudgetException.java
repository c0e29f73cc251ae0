package dev.modelyard.trainer.privacy;

/** The planned training cannot stay within the privacy budget asked for, whatever noise is added (exit code 3). */
public class OutOfBudgetException extends RuntimeException {
    public OutOfBudgetException(String message) {
        super(message);
    }
}
