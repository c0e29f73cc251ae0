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
