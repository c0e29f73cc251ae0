package dev.modelyard.trainer.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a run keeps its latest {@link Checkpoint}: a binary file, replaced atomically so that a run killed while
 * writing leaves the previous checkpoint intact. Doubles are stored bit for bit, which a resumed run needs to end
 * exactly where an uninterrupted one would. A checkpoint belongs to the run whose inputs have {@code fingerprint}.
 */
public final class CheckpointFile {
    private static final int FORMAT = 1;

    private final Path file;
    private final String fingerprint;
    private final int everySteps;

    /** @param everySteps a checkpoint after every this many steps, besides the one at each epoch's end */
    public CheckpointFile(Path file, String fingerprint, int everySteps) {
        this.file = file;
        this.fingerprint = fingerprint;
        this.everySteps = everySteps;
    }

    /** Removes the checkpoint, and its folder once empty: a run's outputs make them redundant. */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
        Path folder = file.getParent();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> rest = Files.list(folder)) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        }
    }

    int everySteps() {
        return everySteps;
    }

    /** The checkpoint of a run with the same fingerprint; null when there is none, it is of other inputs or unreadable. */
    Checkpoint load() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FORMAT || !in.readUTF().equals(fingerprint)) {
                return null;
            }
            long seed = in.readLong();
            long step = in.readLong();
            double[] parameters = readDoubles(in);
            int stateArrays = in.readInt();
            List<double[]> optimizerState = new ArrayList<>(stateArrays);
            for (int i = 0; i < stateArrays; i++) {
                optimizerState.add(readDoubles(in));
            }
            int epochs = in.readInt();
            List<EpochMetrics> history = new ArrayList<>(epochs);
            for (int i = 0; i < epochs; i++) {
                history.add(new EpochMetrics(in.readInt(), in.readLong(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), readNullable(in)));
            }
            return new Checkpoint(seed, step, parameters, optimizerState, history, readNullable(in), readNullable(in));
        } catch (IOException e) {
            // Training afresh is always correct, only slower; failing here would fail every retry alike.
            return null;
        }
    }

    void save(Checkpoint checkpoint) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
                out.writeInt(FORMAT);
                out.writeUTF(fingerprint);
                out.writeLong(checkpoint.seed());
                out.writeLong(checkpoint.step());
                writeDoubles(out, checkpoint.parameters());
                out.writeInt(checkpoint.optimizerState().size());
                for (double[] state : checkpoint.optimizerState()) {
                    writeDoubles(out, state);
                }
                out.writeInt(checkpoint.history().size());
                for (EpochMetrics epoch : checkpoint.history()) {
                    out.writeInt(epoch.epoch());
                    out.writeLong(epoch.step());
                    for (double value : new double[] {epoch.trainLoss(), epoch.trainAccuracy(), epoch.trainMacroF1(),
                            epoch.validLoss(), epoch.validAccuracy(), epoch.validMacroF1()}) {
                        out.writeDouble(value);
                    }
                    writeNullable(out, epoch.epsilon());
                }
                writeNullable(out, checkpoint.noiseMultiplier());
                writeNullable(out, checkpoint.epsilon());
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + " cannot be written", e);
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static void writeNullable(DataOutputStream out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
