package dev.modelyard.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the trainer that follows its contract ({@code train --spec <path>}, progress lines on stdout,
 * outputs in {@code output_dir}, exit codes) without training anything. The label column picks the behaviour:
 * {@code sleep} runs until killed, {@code invalid} refuses its input, {@code bad_signature} succeeds but writes a
 * signature with a datatype KServe does not know, anything else trains and succeeds.
 * It needs nothing but the JDK, so it starts from the test classes folder alone.
 */
public final class FakeTrainer {

    public static final String SLEEP = "sleep";
    public static final String INVALID = "invalid";
    public static final String INVALID_MESSAGE = "label column 'invalid' is not in the training file";
    public static final String BAD_SIGNATURE = "bad_signature";
    public static final double EPSILON = 2.5;

    private FakeTrainer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[0].equals("train") || !args[1].equals("--spec")) {
            System.err.println("usage: train --spec <path>");
            System.exit(2);
        }
        String spec = Files.readString(Path.of(args[2]));
        String label = text(spec, "label_column");
        if (INVALID.equals(label)) {
            System.out.println("{\"type\":\"error\",\"code\":\"invalid_input\",\"message\":\"" + INVALID_MESSAGE + "\"}");
            System.exit(2);
        }
        long rows = Files.readAllLines(Path.of(text(spec, "training_file"))).size() - 1;
        System.out.println("{\"type\":\"started\",\"rows\":" + rows
                + ",\"features\":2,\"classes\":2,\"steps_per_epoch\":1,\"noise_multiplier\":1.1}");
        System.out.flush();
        if (SLEEP.equals(label)) {
            Thread.sleep(60_000);
            System.exit(1);
        }
        String baseModel = text(spec, "base_model");
        if (baseModel != null && !Files.isRegularFile(Path.of(baseModel))) {
            System.out.println("{\"type\":\"error\",\"code\":\"invalid_input\",\"message\":\"no base model\"}");
            System.exit(2);
        }
        int epochs = Integer.parseInt(number(spec, "n_epochs"));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            System.out.println("{\"type\":\"step\",\"step\":" + epoch + ",\"epoch\":" + epoch + ",\"loss\":0.5}");
            System.out.println("{\"type\":\"epoch\",\"epoch\":" + epoch + ",\"step\":" + epoch
                    + ",\"train_loss\":0.4,\"train_accuracy\":0.8,\"valid_loss\":0.45,\"valid_accuracy\":0.75,\"epsilon\":"
                    + EPSILON * epoch / epochs + "}");
        }
        Path output = Path.of(text(spec, "output_dir"));
        Files.createDirectories(output);
        Files.write(output.resolve("model.onnx"), "fake onnx".getBytes(StandardCharsets.UTF_8));
        write(output.resolve("metrics.json"), "{\"accuracy\":0.75,\"epsilon\":" + EPSILON + ",\"delta\":1e-5,"
                + "\"ignored_columns\":[]}");
        String inputDatatype = BAD_SIGNATURE.equals(label) ? "FLOAT" : "FP32";
        write(output.resolve("signature.json"), "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"" + inputDatatype + "\","
                + "\"shape\":[-1,2]}],\"outputs\":[{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]}],"
                + "\"feature_names\":[\"age\",\"spend\"],\"class_labels\":[\"no\",\"yes\"]}");
        System.out.println("{\"type\":\"completed\",\"metrics\":{\"accuracy\":0.75},\"epsilon\":" + EPSILON + "}");
    }

    private static void write(Path file, String json) throws IOException {
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    /** A string field of the spec, or null when it is null: enough JSON for the spec's flat strings. */
    private static String text(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*(null|\"([^\"]*)\")").matcher(json);
        if (!matcher.find()) {
            throw new IllegalArgumentException("spec has no " + field);
        }
        return matcher.group(2);
    }

    private static String number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalArgumentException("spec has no " + field);
        }
        return matcher.group(1);
    }
}
