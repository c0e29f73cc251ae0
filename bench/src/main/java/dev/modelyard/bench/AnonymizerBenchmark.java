package dev.modelyard.bench;

import dev.modelyard.privacy.detect.LabelledCorpus;
import dev.modelyard.privacy.file.Anonymizer;
import dev.modelyard.privacy.file.FileFormat;
import dev.modelyard.privacy.io.CsvReader;
import dev.modelyard.privacy.io.CsvWriter;
import dev.modelyard.privacy.io.Utf8Lines;
import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.PiiType;
import dev.modelyard.privacy.pii.Pseudonymizer;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * CSV anonymization on one thread: the platform's anonymizer (detection of every built-in type, replacement,
 * HMAC pseudonyms for the identifier column) against the naive approach, one alternation regex of e-mail,
 * phone, card and IP run with replaceAll over every cell. The file is generated in memory (seeded), about
 * 10 % of its cells carrying personal data of mixed types, none in a column the anonymizer could classify
 * as one type. Both are warmed up, then timed in alternating passes; the medians are reported. Arguments:
 * [megabytes, default 100] [passes, default 3].
 */
public final class AnonymizerBenchmark {

    private static final String HEADER = "user_id,name,city,amount,quantity,order_date,status,sku,contact,comment";
    private static final int COLUMNS = 10;
    /** One column is an identifier (pseudonymized, not scanned); the other nine share the 10 % of PII cells. */
    private static final int WARM_UP_PASSES = 3;
    /** Detection and pseudonymization together, per core. */
    private static final double TARGET_MEGABYTES_PER_SECOND = 50;
    private static final double PII_PER_SCANNED_CELL = 0.10 * COLUMNS / (COLUMNS - 1);
    private static final PiiType[] MIXED = {PiiType.EMAIL_ADDRESS, PiiType.PHONE_NUMBER, PiiType.CREDIT_CARD,
        PiiType.IBAN, PiiType.IP_ADDRESS, PiiType.US_SSN, PiiType.MAC_ADDRESS, PiiType.SECRET};

    private static final Pattern NAIVE = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"
                    + "|\\+?\\d{1,3}?[ .-]?\\(?\\d{2,4}\\)?[ .-]?\\d{3,4}[ .-]?\\d{3,4}"
                    + "|\\b(?:\\d[ -]?){13,19}\\b"
                    + "|\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");

    private AnonymizerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] csv = generate(megabytes * 1_000_000L, new SplittableRandom(42));
        byte[] warmUp = generate(20_000_000L, new SplittableRandom(7));
        long rows = csv.length == 0 ? 0 : countLines(csv) - 1;
        System.out.printf("input: %.1f MB, %,d rows, %d columns, ~10%% PII cells; %d passes each after %d warm-up%n",
                csv.length / 1e6, rows, COLUMNS, passes, WARM_UP_PASSES);

        // Until the compiler has settled, a pass measures compilation as much as the code.
        for (int i = 0; i < WARM_UP_PASSES; i++) {
            naive(warmUp);
            platform(warmUp);
        }
        // Alternating, so that a machine whose speed drifts slows both alike.
        List<Timing> naive = new ArrayList<>();
        List<Timing> platform = new ArrayList<>();
        for (int pass = 1; pass <= passes; pass++) {
            naive.add(time(() -> naive(csv)));
            platform.add(time(() -> platform(csv)));
            System.out.printf("pass %d: naive %.1f MB/s, platform %.1f MB/s (cpu)%n", pass,
                    csv.length / 1e6 / naive.getLast().cpuSeconds(), csv.length / 1e6 / platform.getLast().cpuSeconds());
        }

        System.out.printf("%-34s %12s %14s %12s %14s%n", "median of the passes", "MB/s (wall)", "rows/s (wall)",
                "MB/s (cpu)", "rows/s (cpu)");
        Timing naiveMedian = Timing.median(naive);
        Timing platformMedian = Timing.median(platform);
        print("naive regex (replaceAll per cell)", naiveMedian, csv.length, rows);
        print("platform anonymizer", platformMedian, csv.length, rows);
        System.out.printf("platform / naive throughput: %.2fx wall, %.2fx cpu%n",
                naiveMedian.wallSeconds() / platformMedian.wallSeconds(),
                naiveMedian.cpuSeconds() / platformMedian.cpuSeconds());
        double platformMegabytesPerSecond = csv.length / 1e6 / platformMedian.cpuSeconds();
        System.out.printf("target: at least %.0f MB/s on one core (cpu): %s%n", TARGET_MEGABYTES_PER_SECOND,
                platformMegabytesPerSecond >= TARGET_MEGABYTES_PER_SECOND ? "met" : "missed");
    }

    private static void print(String name, Timing timing, long bytes, long rows) {
        System.out.printf("%-34s %12.1f %,14.0f %12.1f %,14.0f%n", name, bytes / 1e6 / timing.wallSeconds(),
                rows / timing.wallSeconds(), bytes / 1e6 / timing.cpuSeconds(), rows / timing.cpuSeconds());
    }

    private static void platform(byte[] csv) throws IOException {
        Anonymizer anonymizer = Anonymizer.of(FileFormat.CSV, new PiiRedactor(),
                Pseudonymizer.forTenant("bench-secret", "acme"), Set.of("user_id"));
        anonymizer.anonymize(new ByteArrayInputStream(csv), OutputStream.nullOutputStream());
    }

    /** The platform's CSV reader and writer for strings, every cell through one regex and replaceAll. */
    private static void naive(byte[] csv) throws IOException {
        CsvReader reader = new CsvReader(new Utf8Lines(new ByteArrayInputStream(csv)));
        try (Writer out = discardingWriter()) {
            CsvWriter writer = new CsvWriter(out);
            List<String> replaced = new ArrayList<>(COLUMNS);
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                replaced.clear();
                for (String cell : row) {
                    replaced.add(NAIVE.matcher(cell).replaceAll("<PII>"));
                }
                writer.write(replaced);
            }
        }
    }

    private static Writer discardingWriter() {
        return new BufferedWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
    }

    private static byte[] generate(long bytes, SplittableRandom random) {
        LabelledCorpus pii = new LabelledCorpus(random.nextLong());
        String[] names = {"Alice Martin", "Bob Smith", "Chen Wei", "Dana Kowalski", "Emre Yilmaz", "Fatima Zahra"};
        String[] cities = {"Berlin", "Lyon", "Austin", "Leeds", "Milano", "Porto", "Utrecht"};
        String[] channels = {"web form", "in store", "partner"};
        String[] statuses = {"shipped", "pending", "refunded", "delivered", "cancelled"};
        String[] comments = {"Great product, would buy again!", "Arrived a day late but well packed.",
            "Color differs slightly from the photo.", "Second order this month, all good.",
            "Customer asked for a gift wrap.", "Replaced under warranty, version 2 of the part."};
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, bytes + 4096));
        StringBuilder row = new StringBuilder(256);
        out.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        for (long id = 1; out.size() < bytes; id++) {
            row.setLength(0);
            row.append("u-").append(id);
            String[] cells = {names[random.nextInt(names.length)], cities[random.nextInt(cities.length)],
                random.nextInt(1, 5000) + "." + random.nextInt(10, 100), String.valueOf(random.nextInt(1, 20)),
                "2024-" + pad(random.nextInt(1, 13)) + "-" + pad(random.nextInt(1, 29)),
                statuses[random.nextInt(statuses.length)], "SKU-" + random.nextInt(10000, 99999),
                channels[random.nextInt(channels.length)], comments[random.nextInt(comments.length)]};
            for (int i = 0; i < cells.length; i++) {
                if (random.nextDouble() < PII_PER_SCANNED_CELL) {
                    LabelledCorpus.Sample sample = i == cells.length - 1
                            ? pii.inText(MIXED[random.nextInt(MIXED.length)])
                            : pii.wholeCell(MIXED[random.nextInt(MIXED.length)]);
                    cells[i] = sample.text();
                }
                row.append(',').append(quoted(cells[i]));
            }
            out.writeBytes(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String quoted(String cell) {
        return cell.indexOf(',') < 0 && cell.indexOf('"') < 0 ? cell : '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static String pad(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    private static long countLines(byte[] bytes) {
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /**
     * Wall-clock and this thread's CPU time: on a shared machine the CPU time is the per-core figure, as
     * it leaves out the time the thread waited for a core.
     */
    private static Timing time(Run run) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        run.run();
        return new Timing((System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    private record Timing(double wallSeconds, double cpuSeconds) {

        /** The median wall-clock time and the median CPU time, each over the passes. */
        static Timing median(List<Timing> passes) {
            double[] wall = passes.stream().mapToDouble(Timing::wallSeconds).sorted().toArray();
            double[] cpu = passes.stream().mapToDouble(Timing::cpuSeconds).sorted().toArray();
            return new Timing(median(wall), median(cpu));
        }

        private static double median(double[] sorted) {
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    @FunctionalInterface
    private interface Run {
        void run() throws IOException;
    }
}
