package dev.modelyard.trainer.data;

import dev.modelyard.trainer.InvalidInputException;
import dev.modelyard.trainer.data.Table.Row;
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
 * Turns the training (and validation) file into numeric examples: columns whose values are all numbers are
 * features, the label column's values become class indexes, everything else is ignored. Without a validation
 * file, a seeded 10 % of the rows is held out.
 */
public final class TrainingDataLoader {
    static final double HOLDOUT_FRACTION = 0.1;

    /** Plain decimal numbers only: Java would also accept "NaN", "Infinity" and hexadecimal, which data never means. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private TrainingDataLoader() {
    }

    public static TrainingData load(Path trainingFile, Path validationFile, String labelColumn, long seed) {
        Table training = TableReader.read(trainingFile);
        int labelIndex = labelIndex(training, labelColumn);
        if (training.rows().size() < 2) {
            throw new InvalidInputException(training.source() + " needs at least two rows to train on, found " + training.rows().size());
        }
        List<String> featureNames = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int column = 0; column < training.columns().size(); column++) {
            if (column == labelIndex) {
                continue;
            }
            (allNumbers(training, column) ? featureNames : ignored).add(training.columns().get(column));
        }
        if (featureNames.isEmpty()) {
            throw new InvalidInputException(training.source() + " has no column whose values are all numbers to use as a feature");
        }
        List<String> classLabels = classLabels(training, labelIndex);
        if (classLabels.size() < 2) {
            throw new InvalidInputException("label_column \"" + labelColumn + "\" of " + training.source()
                    + " has a single value; at least two classes are needed");
        }
        Dataset all = examples(training, labelColumn, featureNames, classLabels);
        if (validationFile == null) {
            return holdOut(all, featureNames, classLabels, ignored, seed);
        }
        Table validation = TableReader.read(validationFile);
        labelIndex(validation, labelColumn);
        return new TrainingData(List.copyOf(featureNames), classLabels, List.copyOf(ignored), all,
                examples(validation, labelColumn, featureNames, classLabels));
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

    private static Dataset examples(Table table, String labelColumn, List<String> featureNames, List<String> classLabels) {
        int labelIndex = table.columnIndex(labelColumn);
        int[] featureIndexes = new int[featureNames.size()];
        for (int f = 0; f < featureIndexes.length; f++) {
            featureIndexes[f] = table.columnIndex(featureNames.get(f));
            if (featureIndexes[f] < 0) {
                throw new InvalidInputException(table.source() + " lacks the feature column \"" + featureNames.get(f) + "\"");
            }
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classLabels.size(); c++) {
            classIndex.put(classLabels.get(c), c);
        }
        double[][] features = new double[table.rows().size()][featureIndexes.length];
        int[] labels = new int[table.rows().size()];
        for (int r = 0; r < labels.length; r++) {
            Row row = table.rows().get(r);
            for (int f = 0; f < featureIndexes.length; f++) {
                String value = row.values()[featureIndexes[f]];
                if (!isNumber(value)) {
                    throw new InvalidInputException("%s line %d: feature \"%s\" must be a number, found %s"
                            .formatted(table.source(), row.line(), featureNames.get(f), value == null ? "no value" : "\"" + value + "\""));
                }
                features[r][f] = Double.parseDouble(value.trim());
            }
            String label = label(table, row, labelIndex);
            Integer index = classIndex.get(label);
            if (index == null) {
                throw new InvalidInputException("%s line %d: label \"%s\" does not occur in the training file (classes: %s)"
                        .formatted(table.source(), row.line(), label, String.join(", ", classLabels)));
            }
            labels[r] = index;
        }
        return new Dataset(features, labels);
    }

    private static TrainingData holdOut(Dataset all, List<String> featureNames, List<String> classLabels,
                                        List<String> ignored, long seed) {
        int[] order = Permutation.shuffled(all.size(), new SplittableRandom(seed));
        int validSize = Math.max(1, (int) Math.round(all.size() * HOLDOUT_FRACTION));
        Dataset valid = subset(all, order, 0, validSize);
        Dataset train = subset(all, order, validSize, all.size());
        return new TrainingData(List.copyOf(featureNames), classLabels, List.copyOf(ignored), train, valid);
    }

    private static Dataset subset(Dataset all, int[] order, int from, int to) {
        double[][] features = new double[to - from][];
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            features[i - from] = all.features()[order[i]];
            labels[i - from] = all.labels()[order[i]];
        }
        return new Dataset(features, labels);
    }
}
