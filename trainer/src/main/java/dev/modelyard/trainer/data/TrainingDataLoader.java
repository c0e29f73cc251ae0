package dev.modelyard.trainer.data;

import dev.modelyard.trainer.InvalidInputException;
import dev.modelyard.trainer.data.Table.Row;
import dev.modelyard.trainer.model.CategoricalColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the training (and validation) file into examples: columns whose values are all numbers are numeric
 * features, low-cardinality text columns are categorical (one-hot encoded over a vocabulary), the label column's
 * values become class indexes, everything else is ignored. Without a validation file, a seeded 10 % of the rows is
 * held out.
 *
 * <p>The automatic rule: a column that is not all numbers is categorical when it has at most
 * {@value #MAX_AUTOMATIC_CATEGORIES} distinct values, at least two of them occur in {@value #MIN_CATEGORY_ROWS} or
 * more rows, and none is a pseudonym. A spec may instead name the categorical columns, and may exclude columns.
 * Either way the vocabulary is the values that occur in at least {@value #MIN_CATEGORY_ROWS} training rows, sorted:
 * rarer values would single out the few people who have them and teach the model next to nothing, so they encode
 * like an unknown value.
 */
public final class TrainingDataLoader {
    static final double HOLDOUT_FRACTION = 0.1;
    static final int MAX_AUTOMATIC_CATEGORIES = 20;
    static final int MIN_CATEGORY_ROWS = 5;
    /** A declared column's vocabulary is capped so that one column cannot blow the network up to millions of inputs. */
    static final int MAX_DECLARED_CATEGORIES = 1_000;

    /** Plain decimal numbers only: Java would also accept "NaN", "Infinity" and hexadecimal, which data never means. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** The privacy service's pseudonyms of identifiers: one per person, never a category. */
    private static final Pattern PSEUDONYM = Pattern.compile("pid_[0-9a-f]+");

    private TrainingDataLoader() {
    }

    public static TrainingData load(Path trainingFile, Path validationFile, String labelColumn, ColumnSelection selection,
                                    long seed) {
        Table training = TableReader.read(trainingFile);
        int labelIndex = labelIndex(training, labelColumn);
        if (training.rows().size() < 2) {
            throw new InvalidInputException(training.source() + " needs at least two rows to train on, found " + training.rows().size());
        }
        checkNamedColumns(training, selection.categorical(), "categorical_columns");
        checkNamedColumns(training, selection.excluded(), "excluded_columns");
        List<String> featureNames = new ArrayList<>();
        List<CategoricalColumn> categorical = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int column = 0; column < training.columns().size(); column++) {
            if (column == labelIndex) {
                continue;
            }
            String name = training.columns().get(column);
            if (selection.excluded().contains(name)) {
                ignored.add(name);
            } else if (selection.categorical() != null && selection.categorical().contains(name)) {
                categorical.add(declaredCategorical(training, column));
            } else if (allNumbers(training, column)) {
                featureNames.add(name);
            } else {
                CategoricalColumn automatic = selection.categorical() == null ? automaticCategorical(training, column) : null;
                if (automatic == null) {
                    ignored.add(name);
                } else {
                    categorical.add(automatic);
                }
            }
        }
        if (featureNames.isEmpty() && categorical.isEmpty()) {
            throw new InvalidInputException(training.source() + " has no column to learn from: no column whose values are all"
                    + " numbers to use as a feature, and no categorical column");
        }
        List<String> classLabels = classLabels(training, labelIndex);
        if (classLabels.size() < 2) {
            throw new InvalidInputException("label_column \"" + labelColumn + "\" of " + training.source()
                    + " has a single value; at least two classes are needed");
        }
        Columns columns = new Columns(labelColumn, List.copyOf(featureNames), List.copyOf(categorical), classLabels);
        Dataset all = examples(training, columns);
        if (validationFile == null) {
            return holdOut(all, columns, List.copyOf(ignored), seed);
        }
        Table validation = TableReader.read(validationFile);
        labelIndex(validation, labelColumn);
        return new TrainingData(columns.featureNames(), columns.categorical(), classLabels, List.copyOf(ignored), all,
                examples(validation, columns));
    }

    /** The columns as decided on the training file, which the validation file must have too. */
    private record Columns(String label, List<String> featureNames, List<CategoricalColumn> categorical,
                           List<String> classLabels) {
    }

    /** Columns the spec names must exist: a typo would otherwise silently train a different model. */
    private static void checkNamedColumns(Table table, List<String> named, String field) {
        if (named == null) {
            return;
        }
        for (int i = 0; i < named.size(); i++) {
            if (table.columnIndex(named.get(i)) < 0) {
                throw new InvalidInputException("%s[%d] \"%s\" is not a column of %s (columns: %s)"
                        .formatted(field, i, named.get(i), table.source(), String.join(", ", table.columns())));
            }
        }
    }

    private static CategoricalColumn automaticCategorical(Table table, int column) {
        Map<String, Integer> counts = valueCounts(table, column);
        if (counts.size() > MAX_AUTOMATIC_CATEGORIES || counts.keySet().stream().anyMatch(value -> PSEUDONYM.matcher(value).matches())) {
            return null;
        }
        List<String> vocabulary = vocabulary(counts);
        return vocabulary.size() < 2 ? null : new CategoricalColumn(table.columns().get(column), vocabulary);
    }

    private static CategoricalColumn declaredCategorical(Table table, int column) {
        String name = table.columns().get(column);
        List<String> vocabulary = vocabulary(valueCounts(table, column));
        if (vocabulary.isEmpty()) {
            throw new InvalidInputException("categorical_columns: no value of column \"%s\" occurs in %d or more rows of %s"
                    .formatted(name, MIN_CATEGORY_ROWS, table.source()));
        }
        if (vocabulary.size() > MAX_DECLARED_CATEGORIES) {
            throw new InvalidInputException("categorical_columns: column \"%s\" has %d values that occur in %d or more rows; at most %d can be encoded"
                    .formatted(name, vocabulary.size(), MIN_CATEGORY_ROWS, MAX_DECLARED_CATEGORIES));
        }
        return new CategoricalColumn(name, vocabulary);
    }

    /** How many rows hold each value of the column (rows without a value are not counted). */
    private static Map<String, Integer> valueCounts(Table table, int column) {
        Map<String, Integer> counts = new HashMap<>();
        for (Row row : table.rows()) {
            String value = row.values()[column];
            if (value != null) {
                counts.merge(value, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<String> vocabulary(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .filter(entry -> entry.getValue() >= MIN_CATEGORY_ROWS)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private static int labelIndex(Table table, String labelColumn) {
        int index = table.columnIndex(labelColumn);
        if (index < 0) {
            throw new InvalidInputException("label_column \"" + labelColumn + "\" is not a column of " + table.source()
                    + " (columns: " + String.join(", ", table.columns()) + ")");
        }
        return index;
    }

    private static boolean allNumbers(Table table, int column) {
        for (Row row : table.rows()) {
            String value = row.values()[column];
            if (!isNumber(value)) {
                return false;
            }
        }
        return true;
    }

    /** A plain decimal number that fits a double (1e400 matches the pattern but would be infinite). */
    private static boolean isNumber(String value) {
        return value != null && NUMBER.matcher(value.trim()).matches() && Double.isFinite(Double.parseDouble(value.trim()));
    }

    private static List<String> classLabels(Table table, int labelIndex) {
        boolean numeric = allNumbers(table, labelIndex);
        Comparator<String> order = numeric
                ? Comparator.<String>comparingDouble(value -> Double.parseDouble(value.trim())).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        TreeSet<String> labels = new TreeSet<>(order);
        for (Row row : table.rows()) {
            labels.add(label(table, row, labelIndex));
        }
        return List.copyOf(labels);
    }

    private static String label(Table table, Row row, int labelIndex) {
        String value = row.values()[labelIndex];
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(table.source() + " line " + row.line() + ": the label column \""
                    + table.columns().get(labelIndex) + "\" has no value");
        }
        return value.trim();
    }

    private static Dataset examples(Table table, Columns columns) {
        int labelIndex = table.columnIndex(columns.label());
        int[] featureIndexes = columnIndexes(table, columns.featureNames(), "feature");
        int[] categoricalIndexes = columnIndexes(table, columns.categorical().stream().map(CategoricalColumn::name).toList(),
                "categorical");
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < columns.classLabels().size(); c++) {
            classIndex.put(columns.classLabels().get(c), c);
        }
        double[][] features = new double[table.rows().size()][featureIndexes.length];
        String[][] categories = new String[table.rows().size()][categoricalIndexes.length];
        int[] labels = new int[table.rows().size()];
        for (int r = 0; r < labels.length; r++) {
            Row row = table.rows().get(r);
            for (int f = 0; f < featureIndexes.length; f++) {
                String value = row.values()[featureIndexes[f]];
                if (!isNumber(value)) {
                    throw new InvalidInputException("%s line %d: feature \"%s\" must be a number, found %s"
                            .formatted(table.source(), row.line(), columns.featureNames().get(f), value == null ? "no value" : "\"" + value + "\""));
                }
                features[r][f] = Double.parseDouble(value.trim());
            }
            for (int c = 0; c < categoricalIndexes.length; c++) {
                categories[r][c] = row.values()[categoricalIndexes[c]];
            }
            String label = label(table, row, labelIndex);
            Integer index = classIndex.get(label);
            if (index == null) {
                throw new InvalidInputException("%s line %d: label \"%s\" does not occur in the training file (classes: %s)"
                        .formatted(table.source(), row.line(), label, String.join(", ", columns.classLabels())));
            }
            labels[r] = index;
        }
        return new Dataset(features, categories, labels);
    }

    /** @param kind "feature" or "categorical", for the message when the table lacks one */
    private static int[] columnIndexes(Table table, List<String> names, String kind) {
        int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = table.columnIndex(names.get(i));
            if (indexes[i] < 0) {
                throw new InvalidInputException(table.source() + " lacks the " + kind + " column \"" + names.get(i) + "\"");
            }
        }
        return indexes;
    }

    private static TrainingData holdOut(Dataset all, Columns columns, List<String> ignored, long seed) {
        int[] order = Permutation.shuffled(all.size(), new SplittableRandom(seed));
        int validSize = Math.max(1, (int) Math.round(all.size() * HOLDOUT_FRACTION));
        Dataset valid = subset(all, order, 0, validSize);
        Dataset train = subset(all, order, validSize, all.size());
        return new TrainingData(columns.featureNames(), columns.categorical(), columns.classLabels(), ignored, train, valid);
    }

    private static Dataset subset(Dataset all, int[] order, int from, int to) {
        double[][] features = new double[to - from][];
        String[][] categories = new String[to - from][];
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            features[i - from] = all.features()[order[i]];
            categories[i - from] = all.categories()[order[i]];
            labels[i - from] = all.labels()[order[i]];
        }
        return new Dataset(features, categories, labels);
    }
}
