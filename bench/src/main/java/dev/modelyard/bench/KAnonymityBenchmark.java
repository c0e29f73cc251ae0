package dev.modelyard.bench;

import dev.modelyard.privacy.kanon.Anonymization;
import dev.modelyard.privacy.kanon.Hierarchy;
import dev.modelyard.privacy.kanon.KAnonymizer;
import dev.modelyard.privacy.kanon.PrivacyCriteria;
import dev.modelyard.privacy.kanon.QuasiIdentifier;
import dev.modelyard.privacy.kanon.Risk;
import dev.modelyard.privacy.kanon.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * K-anonymity on a seeded 30,000-row census-like table with four quasi-identifiers: the pruned lattice search
 * beside an exhaustive one over the same lattice, which must choose the same generalization. Target: setup
 * and search together under 2 s for k = 5.
 */
public final class KAnonymityBenchmark {

    private static final int ROWS = 30_000;
    private static final int WARMUPS = 2;
    private static final int RUNS = 5;
    private static final double SUPPRESSION_LIMIT = 0.05;
    private static final double RISK_THRESHOLD = 0.2;

    private static final Map<String, List<String>> EDUCATION = new LinkedHashMap<>();

    static {
        for (String school : List.of("Preschool", "1st-4th", "5th-6th", "7th-8th")) {
            EDUCATION.put(school, List.of("Primary", "Compulsory"));
        }
        for (String school : List.of("9th", "10th", "11th", "12th", "HS-grad")) {
            EDUCATION.put(school, List.of("Secondary", "Compulsory"));
        }
        for (String school : List.of("Some-college", "Assoc-voc", "Assoc-acdm", "Bachelors")) {
            EDUCATION.put(school, List.of("Undergraduate", "Higher"));
        }
        for (String school : List.of("Masters", "Prof-school", "Doctorate")) {
            EDUCATION.put(school, List.of("Graduate", "Higher"));
        }
    }

    private static final List<String> OCCUPATIONS = List.of("Tech-support", "Craft-repair", "Other-service",
            "Sales", "Exec-managerial", "Prof-specialty", "Handlers-cleaners", "Machine-op-inspct", "Adm-clerical",
            "Farming-fishing", "Transport-moving", "Priv-house-serv", "Protective-serv", "Armed-Forces");

    private KAnonymityBenchmark() {
    }

    public static void main(String[] args) {
        Table census = census(new Random(20_260_101L));
        System.out.printf(Locale.ROOT, "%,d rows, suppression limit %.2f, risk threshold %.2f; medians of %d runs%n",
                ROWS, SUPPRESSION_LIMIT, RISK_THRESHOLD, RUNS);
        run("k=5: age, zip, sex, education", census, List.of("age", "zip", "sex", "education"), null,
                new PrivacyCriteria(5, 1, SUPPRESSION_LIMIT));
        run("k=5, l=3 on occupation: birth_date, zip, sex, education", census,
                List.of("birth_date", "zip", "sex", "education"), "occupation",
                new PrivacyCriteria(5, 3, SUPPRESSION_LIMIT));
    }

    /**
     * Times the setup (hierarchies and encoding) once, then each search on the same anonymizer; a search
     * includes writing the generalized table and the risk figures.
     */
    private static void run(String name, Table table, List<String> columns, String sensitive,
                            PrivacyCriteria criteria) {
        Measured<KAnonymizer> setup = measure(() -> anonymizer(table, columns, sensitive, criteria));
        KAnonymizer anonymizer = setup.result();
        Measured<Anonymization> pruned = measure(() -> anonymizer.anonymize(RISK_THRESHOLD));
        Measured<Anonymization> exhaustive = measure(() -> anonymizer.anonymizeExhaustively(RISK_THRESHOLD));
        if (!pruned.result().equals(exhaustive.result())) {
            throw new IllegalStateException("The pruned search chose otherwise than the exhaustive one: " + name);
        }
        Anonymization result = pruned.result();
        System.out.println(name + " (lattice of " + latticeSize(table, columns) + " nodes)");
        System.out.printf(Locale.ROOT, "    setup %.0f ms; search: pruned %.0f ms, exhaustive %.0f ms (%.1fx); "
                        + "total with pruning %.0f ms%n", setup.millis(), pruned.millis(), exhaustive.millis(),
                exhaustive.millis() / pruned.millis(), setup.millis() + pruned.millis());
        System.out.printf(Locale.ROOT, "    generalization %s, %d rows suppressed, information loss %.4f%n",
                result.generalization(), result.suppressedRows(), result.informationLoss());
        System.out.println("    risk before: " + describe(result.riskBefore()));
        System.out.println("    risk after:  " + describe(result.riskAfter()));
    }

    private static KAnonymizer anonymizer(Table table, List<String> columns, String sensitive,
                                          PrivacyCriteria criteria) {
        List<QuasiIdentifier> quasiIdentifiers = columns.stream()
                .map(column -> new QuasiIdentifier(column, hierarchy(table, column))).toList();
        return new KAnonymizer(table, quasiIdentifiers, sensitive, criteria);
    }

    private static Hierarchy hierarchy(Table table, String column) {
        var values = table.distinctValues(table.column(column));
        return switch (column) {
            case "age" -> Hierarchy.numbers(values);
            case "birth_date" -> Hierarchy.dates(values);
            case "zip" -> Hierarchy.postalCodes(values);
            case "sex" -> Hierarchy.categories(Map.of("female", List.of(), "male", List.of()), values);
            case "education" -> Hierarchy.categories(EDUCATION, values);
            default -> throw new IllegalArgumentException("no hierarchy for " + column);
        };
    }

    private static long latticeSize(Table table, List<String> columns) {
        return columns.stream().mapToLong(column -> hierarchy(table, column).height() + 1L)
                .reduce(1, (a, b) -> a * b);
    }

    /** The median of several timed runs after a warm-up. */
    private static <T> Measured<T> measure(Supplier<T> job) {
        T result = null;
        for (int i = 0; i < WARMUPS; i++) {
            result = job.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            result = job.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new Measured<>(result, millis[RUNS / 2]);
    }

    private static String describe(Risk risk) {
        return String.format(Locale.ROOT, "highest %.4f, average %.4f, records at risk %.4f", risk.highest(),
                risk.average(), risk.recordsAtRisk());
    }

    /**
     * Ages around 40, birth dates that agree with them, zip codes from a few hundred in six regions with some
     * far more populous than others, and education and occupation weighted toward the common values.
     */
    private static Table census(Random random) {
        List<String> zips = new ArrayList<>();
        String[] regions = {"10", "13", "29", "60", "75", "94"};
        for (int i = 0; i < 400; i++) {
            zips.add(regions[random.nextInt(regions.length)] + String.format("%03d", random.nextInt(1000)));
        }
        List<String> schools = new ArrayList<>(EDUCATION.keySet());
        Function<List<String>, String> skewed = values -> values.get(
                (int) (Math.pow(random.nextDouble(), 2) * values.size()));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            int age = (int) Math.max(17, Math.min(90, Math.round(40 + random.nextGaussian() * 14)));
            LocalDate birthDate = LocalDate.of(2026 - age, 1, 1).plusDays(random.nextInt(365));
            rows.add(List.of(Integer.toString(age), birthDate.toString(), skewed.apply(zips),
                    random.nextBoolean() ? "female" : "male", schools.get(Math.min(schools.size() - 1,
                            (int) Math.abs(8 + random.nextGaussian() * 3))), skewed.apply(OCCUPATIONS)));
        }
        return new Table(List.of("age", "birth_date", "zip", "sex", "education", "occupation"), rows);
    }

    private record Measured<T>(T result, double millis) {
    }
}
