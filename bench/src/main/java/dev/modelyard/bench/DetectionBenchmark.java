package dev.modelyard.bench;

import dev.modelyard.privacy.detect.DetectionEngine;
import dev.modelyard.privacy.detect.DetectionQuality;
import dev.modelyard.privacy.detect.DetectionSettings;
import dev.modelyard.privacy.detect.LabelledCorpus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Detection quality: precision and recall per type over the generated labelled corpus (values in text and as
 * whole cells, near misses and clean text) with the default settings, and the time one pass takes. Targets on the
 * structured types: recall at least 0.99 and precision at least 0.95.
 */
public final class DetectionBenchmark {

    private static final long[] SEEDS = {20_240_501L, 1, 7, 99};
    private static final int SAMPLES_PER_SEED = 15_000;

    private DetectionBenchmark() {
    }

    public static void main(String[] args) {
        List<LabelledCorpus.Sample> samples = new ArrayList<>();
        for (long seed : SEEDS) {
            samples.addAll(new LabelledCorpus(seed).samples(SAMPLES_PER_SEED));
        }
        DetectionEngine engine = new DetectionEngine(DetectionSettings.defaults());
        DetectionQuality.measure(engine, samples);
        long start = System.nanoTime();
        Map<String, DetectionQuality.Score> scores = DetectionQuality.measure(engine, samples);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%,d labelled samples (corpus seeds %s), default settings; scored in %.2f s "
                + "(%,.0f samples/s after a warm-up pass)%n", samples.size(), Arrays.toString(SEEDS),
                seconds, samples.size() / seconds);
        System.out.print(DetectionQuality.table(scores));
        long met = DetectionQuality.structured(scores).values().stream().filter(DetectionQuality.Score::meetsTargets)
                .count();
        System.out.printf(Locale.ROOT, "structured types meeting recall >= %.2f and precision >= %.2f: %d of %d%n",
                DetectionQuality.RECALL_TARGET, DetectionQuality.PRECISION_TARGET, met, DetectionQuality.STRUCTURED.size());
    }
}
