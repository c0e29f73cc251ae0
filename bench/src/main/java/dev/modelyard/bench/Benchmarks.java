package dev.modelyard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Entry point of {@code ./bench/run}: {@code ./bench/run anonymizer} runs {@code AnonymizerBenchmark}'s
 * {@code main}, no name runs every benchmark in turn. Each benchmark measures the platform's way
 * beside a baseline in the same run, so its ratios hold on any machine even where absolute figures do not.
 */
public final class Benchmarks {

    private static final String PACKAGE = "dev/modelyard/bench/";
    private static final String SUFFIX = "Benchmark";

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = args.length == 0 ? all() : List.of(args[0]);
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        System.out.println(machine());
        for (String name : names) {
            String simpleName = Character.toUpperCase(name.charAt(0)) + name.substring(1) + SUFFIX;
            Class<?> benchmark;
            try {
                benchmark = Class.forName(PACKAGE.replace('/', '.') + simpleName);
            } catch (ClassNotFoundException e) {
                System.err.println("No benchmark '" + name + "'; known: " + all());
                System.exit(2);
                return;
            }
            System.out.println("== " + name);
            Method main = benchmark.getMethod("main", String[].class);
            main.invoke(null, (Object) rest);
        }
    }

    /** The machine the figures come from: absolute figures only compare on the same one. */
    private static String machine() throws IOException {
        String cpu;
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (NoSuchFileException e) {
            cpu = System.getProperty("os.arch");
        }
        return String.format(Locale.ROOT, "Machine: %d cores (%s), %s, JDK %s, load average %.2f at start.",
                Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("os.name"), Runtime.version(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Every {@code *Benchmark} class of this jar, by its short name. */
    private static List<String> all() throws IOException, URISyntaxException {
        Path jar = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isRegularFile(jar)) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(entry -> entry.getName())
                        .filter(entry -> entry.startsWith(PACKAGE) && entry.endsWith(SUFFIX + ".class") && !entry.contains("$"))
                        .map(entry -> entry.substring(PACKAGE.length(), entry.length() - (SUFFIX + ".class").length()))
                        .map(entry -> entry.substring(0, 1).toLowerCase(Locale.ROOT) + entry.substring(1))
                        .sorted().forEach(names::add);
            }
        }
        return names;
    }
}
