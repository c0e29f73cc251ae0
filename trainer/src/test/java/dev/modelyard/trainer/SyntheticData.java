package dev.modelyard.trainer;

import dev.modelyard.trainer.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Two Gaussian classes in four features, their means 3 standard deviations apart along the diagonal, so the best
 * possible accuracy is Φ(1.5) ≈ 0.93. Features have different scales and offsets, as real columns do, which the
 * trainer's standardisation has to undo.
 */
public final class SyntheticData {
    public static final List<String> FEATURE_NAMES = List.of("age", "monthly_spend", "tenure_months", "support_tickets");
    public static final List<String> CLASS_LABELS = List.of("no", "yes");
    /** The categorical columns of {@link #generateWithCategories}: a plan that tells the classes apart, a region that does not. */
    public static final List<String> CATEGORICAL_NAMES = List.of("plan", "region");
    public static final List<String> PLANS = List.of("basic", "plus", "pro");
    public static final List<String> REGIONS = List.of("east", "north", "south", "west");
    private static final double[] SCALES = {12, 40, 18, 2};
    private static final double[] OFFSETS = {45, 80, 30, 3};
    private static final double HALF_SEPARATION = 1.5;

    private SyntheticData() {
    }

    public static Dataset generate(int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][FEATURE_NAMES.size()];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(2);
            double shift = (labels[r] == 1 ? 1 : -1) * HALF_SEPARATION / Math.sqrt(FEATURE_NAMES.size());
            for (int f = 0; f < FEATURE_NAMES.size(); f++) {
                features[r][f] = OFFSETS[f] + SCALES[f] * (random.nextGaussian() + shift);
            }
        }
        return new Dataset(features, labels);
    }

    /**
     * The numeric data of {@link #generate} with a plan ("basic" mostly for "yes", "pro" mostly for "no", "plus" for
     * either) and a region (noise; every 20th row has none, and two rows have the rare "atlantis").
     */
    public static Dataset generateWithCategories(int rows, long seed) {
        Dataset numeric = generate(rows, seed);
        Random random = new Random(seed + 1);
        String[][] categories = new String[rows][];
        for (int r = 0; r < rows; r++) {
            boolean yes = numeric.labels()[r] == 1;
            String plan = random.nextDouble() < 0.4 ? "plus" : yes ? "basic" : "pro";
            String region = r % 20 == 19 ? null : r == 3 || r == 4 ? "atlantis" : REGIONS.get(random.nextInt(REGIONS.size()));
            categories[r] = new String[] {plan, region};
        }
        return new Dataset(numeric.features(), categories, numeric.labels());
    }

    /**
     * {@link #generateWithCategories} as a CSV file, with a column of pseudonyms of only eight customers: few and
     * repeated like categories, yet identifiers, which are never features.
     */
    public static Path writeCategoricalCsv(Path file, int rows, long seed) throws IOException {
        Dataset data = generateWithCategories(rows, seed);
        StringBuilder csv = new StringBuilder("customer,").append(String.join(",", FEATURE_NAMES)).append(",plan,region,churned\n");
        for (int r = 0; r < rows; r++) {
            csv.append("pid_00c0ffee").append(r % 8);
            for (double value : data.features()[r]) {
                csv.append(',').append(String.format(Locale.ROOT, "%.4f", value));
            }
            for (String value : data.categories()[r]) {
                csv.append(',').append(value == null ? "" : value);
            }
            csv.append(',').append(CLASS_LABELS.get(data.labels()[r])).append('\n');
        }
        return Files.writeString(file, csv);
    }

    /** The same data as a CSV file with a pseudonym and an e-mail placeholder column, which are not features. */
    public static Path writeCsv(Path file, int rows, long seed) throws IOException {
        Dataset data = generate(rows, seed);
        StringBuilder csv = new StringBuilder("customer,").append(String.join(",", FEATURE_NAMES)).append(",email,churned\n");
        for (int r = 0; r < rows; r++) {
            csv.append("cust-").append(r);
            for (double value : data.features()[r]) {
                csv.append(',').append(String.format(Locale.ROOT, "%.4f", value));
            }
            csv.append(",<EMAIL>,").append(CLASS_LABELS.get(data.labels()[r])).append('\n');
        }
        return Files.writeString(file, csv);
    }
}
