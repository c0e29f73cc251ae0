package dev.modelyard.trainer.model;

/**
 * Per-feature standardisation (x − mean) / std, fitted on the training rows and exported into the ONNX graph so
 * that the model takes raw feature values.
 */
public record Standardizer(double[] means, double[] stds) {

    /** Means and population standard deviations of the columns; a constant column gets std 1 (it stays 0). */
    public static Standardizer fit(double[][] rows) {
        int features = rows[0].length;
        double[] means = new double[features];
        double[] stds = new double[features];
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                means[f] += row[f];
            }
        }
        for (int f = 0; f < features; f++) {
            means[f] /= rows.length;
        }
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                double centred = row[f] - means[f];
                stds[f] += centred * centred;
            }
        }
        for (int f = 0; f < features; f++) {
            double std = Math.sqrt(stds[f] / rows.length);
            stds[f] = std > 1e-12 ? std : 1;
        }
        return new Standardizer(means, stds);
    }

    public double[] apply(double[] raw) {
        double[] standardized = new double[raw.length];
        for (int f = 0; f < raw.length; f++) {
            standardized[f] = (raw[f] - means[f]) / stds[f];
        }
        return standardized;
    }
}
