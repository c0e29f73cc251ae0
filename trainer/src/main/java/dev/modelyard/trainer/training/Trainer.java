package dev.modelyard.trainer.training;

import dev.modelyard.trainer.data.Dataset;
import dev.modelyard.trainer.data.Permutation;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.optim.LearningRateSchedule;
import dev.modelyard.trainer.optim.Optimizer;
import dev.modelyard.trainer.optim.OptimizerType;
import dev.modelyard.trainer.privacy.DpSgd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Runs the epochs: mini-batch steps of the chosen optimiser on the mean cross-entropy, or DP-SGD's noisy gradient
 * when a {@link PrivacyPlan} is given. Both take ceil(rows / batch_size) steps per epoch; plain training visits
 * every row once per epoch in a shuffled order, DP-SGD draws every batch by Poisson sampling as its privacy
 * analysis assumes. Each epoch's order and each DP step's draws come from their own seeded stream, so a run
 * resumed from a {@link Checkpoint} draws exactly what an uninterrupted one would.
 */
public final class Trainer {
    public static final int STEP_REPORT_INTERVAL = 10;

    private static final long SHUFFLE_STREAM = 1;
    private static final long DP_STREAM = 2;

    /**
     * @param learningRate          the rate the schedule starts from
     * @param earlyStoppingPatience epochs without a lower validation loss before training stops; 0: never early
     * @param frozenLayers          how many of the network's lowest layers keep their starting weights
     * @param privacy               null for plain training
     */
    public record Settings(int epochs, int batchSize, OptimizerType optimizer, double learningRate,
                           LearningRateSchedule schedule, int earlyStoppingPatience, int frozenLayers, PrivacyPlan privacy,
                           long seed) {
    }

    private final Settings settings;

    public Trainer(Settings settings) {
        this.settings = settings;
    }

    public static int stepsPerEpoch(int rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    /**
     * Trains {@code start}'s network in place on {@code train}, evaluating on {@code valid} after every epoch.
     *
     * @param checkpoints null: no checkpoints; otherwise training resumes from its checkpoint when there is one
     */
    public TrainingResult train(Classifier start, Dataset train, Dataset valid, TrainingListener listener,
                                CheckpointFile checkpoints) {
        Network network = start.network();
        double[] parameters = network.parameters();
        double[][] trainInputs = start.inputs(train);
        double[][] validInputs = start.inputs(valid);
        int[] labels = train.labels();
        PrivacyPlan privacy = settings.privacy();
        Optimizer optimizer = settings.optimizer().create(parameters.length);
        int stepsPerEpoch = stepsPerEpoch(labels.length, settings.batchSize());
        long plannedSteps = (long) settings.epochs() * stepsPerEpoch;
        List<EpochMetrics> history = new ArrayList<>();
        EarlyStopping earlyStopping = new EarlyStopping(settings.earlyStoppingPatience());
        long step = 0;
        Checkpoint resumed = checkpoints == null ? null : checkpoints.load();
        if (resumed != null && fits(resumed, parameters.length)) {
            System.arraycopy(resumed.parameters(), 0, parameters, 0, parameters.length);
            for (int i = 0; i < resumed.optimizerState().size(); i++) {
                double[] state = optimizer.state().get(i);
                System.arraycopy(resumed.optimizerState().get(i), 0, state, 0, state.length);
            }
            step = resumed.step();
            history.addAll(resumed.history());
            history.forEach(earlyStopping::record);
            listener.resumed(step, history.size());
        }
        // Frozen layers get a zero gradient, before any clipping: under DP the whole norm C goes to the weights that
        // train. Their optimiser state then stays zero too, so neither SGD nor Adam ever moves them.
        int frozenLayers = settings.frozenLayers();
        double[] exampleGradient = new double[parameters.length];
        double[] gradient = new double[parameters.length];
        int[] order = null;
        while (step < plannedSteps && !earlyStopping.stopped()) {
            int epoch = (int) (step / stepsPerEpoch) + 1;
            int batch = (int) (step % stepsPerEpoch);
            Arrays.fill(gradient, 0);
            double lossSum = 0;
            int examples = 0;
            if (privacy == null) {
                if (order == null || batch == 0) {
                    order = Permutation.shuffled(labels.length, stream(SHUFFLE_STREAM, epoch));
                }
                int end = Math.min(labels.length, (batch + 1) * settings.batchSize());
                for (int position = batch * settings.batchSize(); position < end; position++) {
                    int example = order[position];
                    lossSum += network.lossAndGradient(trainInputs[example], labels[example], exampleGradient, frozenLayers);
                    add(exampleGradient, gradient);
                    examples++;
                }
                scale(gradient, 1.0 / examples);
            } else {
                DpSgd dpSgd = new DpSgd(privacy.maxGradNorm(), privacy.noiseMultiplier(), privacy.sampleRate(),
                        labels.length, stream(DP_STREAM, step));
                for (int example = 0; example < labels.length; example++) {
                    if (dpSgd.sampled()) {
                        lossSum += network.lossAndGradient(trainInputs[example], labels[example], exampleGradient, frozenLayers);
                        dpSgd.accumulateClipped(exampleGradient, gradient);
                        examples++;
                    }
                }
                dpSgd.privatize(gradient, network.firstParameterOf(frozenLayers));
            }
            optimizer.step(parameters, gradient, settings.schedule().rate(settings.learningRate(), step, plannedSteps), step);
            step++;
            if ((step == 1 || step % STEP_REPORT_INTERVAL == 0) && examples > 0) {
                listener.step(step, epoch, lossSum / examples);
            }
            boolean epochEnded = step % stepsPerEpoch == 0;
            if (epochEnded) {
                Evaluation onTrain = Evaluation.of(network, trainInputs, labels);
                Evaluation onValid = Evaluation.of(network, validInputs, valid.labels());
                EpochMetrics metrics = new EpochMetrics(epoch, step, onTrain.loss(), onTrain.accuracy(), onTrain.macroF1(),
                        onValid.loss(), onValid.accuracy(), onValid.macroF1(), privacy == null ? null : privacy.epsilonAfter(step));
                history.add(metrics);
                listener.epoch(metrics);
                if (earlyStopping.record(metrics)) {
                    listener.earlyStopped(epoch, earlyStopping.bestEpoch(), earlyStopping.bestValidLoss());
                }
            }
            if (checkpoints != null && (epochEnded || step % checkpoints.everySteps() == 0)) {
                checkpoints.save(new Checkpoint(settings.seed(), step, parameters.clone(),
                        optimizer.state().stream().map(double[]::clone).toList(), List.copyOf(history),
                        privacy == null ? null : privacy.noiseMultiplier(), privacy == null ? null : privacy.epsilonAfter(step)));
            }
        }
        return new TrainingResult(start, List.copyOf(history), step, earlyStopping.stopped());
    }

    /** A checkpoint of the same inputs fits unless the run's own settings differ, which would make resuming wrong. */
    private boolean fits(Checkpoint checkpoint, int parameterCount) {
        Double noise = settings.privacy() == null ? null : settings.privacy().noiseMultiplier();
        return checkpoint.seed() == settings.seed() && checkpoint.parameters().length == parameterCount
                && Objects.equals(checkpoint.noiseMultiplier(), noise);
    }

    /**
     * The random stream of one epoch's order or one DP step. SplittableRandom(s + k·γ) is SplittableRandom(s)
     * shifted by k draws, so the seed is scrambled (Stafford's mix 13) rather than merely offset.
     */
    private SplittableRandom stream(long purpose, long index) {
        return new SplittableRandom(mix(mix(settings.seed() + purpose) + index));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
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
