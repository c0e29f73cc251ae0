package dev.modelyard.trainer.training;

import dev.modelyard.trainer.data.Dataset;
import dev.modelyard.trainer.data.Permutation;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.optim.SgdMomentum;
import dev.modelyard.trainer.privacy.DpSgd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the epochs: mini-batch SGD with momentum on the mean cross-entropy, or DP-SGD when a {@link PrivacyPlan}
 * is given. Both take ceil(rows / batch_size) steps per epoch; plain SGD visits every row once per epoch in a
 * shuffled order, DP-SGD draws every batch by Poisson sampling as its privacy analysis assumes.
 */
public final class Trainer {
    public static final int STEP_REPORT_INTERVAL = 10;

    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final PrivacyPlan privacy;
    private final SplittableRandom random;

    /** @param privacy null for plain SGD */
    public Trainer(int epochs, int batchSize, double learningRate, PrivacyPlan privacy, SplittableRandom random) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.privacy = privacy;
        this.random = random;
    }

    public static int stepsPerEpoch(int rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    /** Trains {@code start}'s network in place on {@code train}, evaluating on {@code valid} after every epoch. */
    public TrainingResult train(Classifier start, Dataset train, Dataset valid, TrainingListener listener) {
        Network network = start.network();
        double[][] trainInputs = start.standardizer().apply(train.features());
        double[][] validInputs = start.standardizer().apply(valid.features());
        int[] labels = train.labels();
        SgdMomentum optimizer = new SgdMomentum(network.parameters().length, learningRate, SgdMomentum.MOMENTUM);
        DpSgd dpSgd = privacy == null ? null
                : new DpSgd(privacy.maxGradNorm(), privacy.noiseMultiplier(), privacy.sampleRate(), labels.length, random.split());
        int stepsPerEpoch = stepsPerEpoch(labels.length, batchSize);
        double[] exampleGradient = new double[network.parameters().length];
        double[] gradient = new double[network.parameters().length];
        List<EpochMetrics> history = new ArrayList<>();
        long step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = Permutation.shuffled(labels.length, random);
            for (int batch = 0; batch < stepsPerEpoch; batch++) {
                Arrays.fill(gradient, 0);
                double lossSum = 0;
                int examples = 0;
                if (dpSgd == null) {
                    int end = Math.min(labels.length, (batch + 1) * batchSize);
                    for (int position = batch * batchSize; position < end; position++) {
                        int example = order[position];
                        lossSum += network.lossAndGradient(trainInputs[example], labels[example], exampleGradient);
                        add(exampleGradient, gradient);
                        examples++;
                    }
                    scale(gradient, 1.0 / examples);
                } else {
                    for (int example = 0; example < labels.length; example++) {
                        if (dpSgd.sampled()) {
                            lossSum += network.lossAndGradient(trainInputs[example], labels[example], exampleGradient);
                            dpSgd.accumulateClipped(exampleGradient, gradient);
                            examples++;
                        }
                    }
                    dpSgd.privatize(gradient);
                }
                optimizer.step(network.parameters(), gradient);
                step++;
                if ((step == 1 || step % STEP_REPORT_INTERVAL == 0) && examples > 0) {
                    listener.step(step, epoch, lossSum / examples);
                }
            }
            Evaluation onTrain = Evaluation.of(network, trainInputs, labels);
            Evaluation onValid = Evaluation.of(network, validInputs, valid.labels());
            EpochMetrics metrics = new EpochMetrics(epoch, step, onTrain.loss(), onTrain.accuracy(),
                    onValid.loss(), onValid.accuracy(), privacy == null ? null : privacy.epsilonAfter(step));
            history.add(metrics);
            listener.epoch(metrics);
        }
        return new TrainingResult(start, List.copyOf(history), step);
    }

    private static void add(double[] addend, double[] sum) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += addend[i];
        }
    }

    private static void scale(double[] vector, double factor) {
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= factor;
        }
    }
}
