package dev.modelyard.dp.accounting;

/** A privacy target that no allowed amount of noise can meet. */
public class OutOfBudgetException extends RuntimeException {
    public OutOfBudgetException(String message) {
        super(message);
    }
}
