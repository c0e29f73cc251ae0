package dev.modelyard.trainer.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text column one-hot encoded over its vocabulary: one network input per known value, in vocabulary order.
 * Values are compared exactly (case and spaces count), as the exported graph compares them; a value outside the
 * vocabulary, or none, encodes as all zeros, so a model meets a new category as "none of those it knows".
 */
public final class CategoricalColumn {
    private final String name;
    private final List<String> vocabulary;
    private final Map<String, Integer> positions = new HashMap<>();

    public CategoricalColumn(String name, List<String> vocabulary) {
        this.name = name;
        this.vocabulary = List.copyOf(vocabulary);
        for (int i = 0; i < this.vocabulary.size(); i++) {
            positions.put(this.vocabulary.get(i), i);
        }
    }

    public String name() {
        return name;
    }

    public List<String> vocabulary() {
        return vocabulary;
    }

    /** How many network inputs the column takes: one per known value. */
    public int width() {
        return vocabulary.size();
    }

    /** Sets the input of {@code value} to 1 in {@code input[offset … offset + width)}, which must be zeros. */
    void encode(String value, double[] input, int offset) {
        Integer position = value == null ? null : positions.get(value);
        if (position != null) {
            input[offset + position] = 1;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CategoricalColumn column && name.equals(column.name) && vocabulary.equals(column.vocabulary);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + vocabulary.hashCode();
    }

    @Override
    public String toString() {
        return name + " " + vocabulary;
    }
}
