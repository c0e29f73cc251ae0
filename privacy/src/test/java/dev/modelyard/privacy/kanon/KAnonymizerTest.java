package dev.modelyard.privacy.kanon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KAnonymizerTest {

    private static final Table PATIENTS = new Table(List.of("age", "zip", "diagnosis"), List.of(
            List.of("25", "13053", "flu"),
            List.of("27", "13068", "cold"),
            List.of("28", "13068", "flu"),
            List.of("26", "13053", "cancer"),
            List.of("41", "14850", "flu"),
            List.of("45", "14853", "cold"),
            List.of("48", "14850", "cancer"),
            List.of("43", "14853", "flu")));

    @Test
    void findsTheLeastGeneralizationThatMakesEveryClassHoldK() {
        // Ages 25..48 get intervals of 2, 4, 8, 16 and 32: only [0, 32) and [32, 64) part the young from the old
        // without splitting either group. Zip codes 13053 and 13068 first meet at 130** (level 2). No other node
        // without suppression costs less than (5/6 + 2/5) / 2.
        Anonymization result = anonymizer(PATIENTS, 4, 1, 0).anonymize(0.2);

        assertThat(result.generalization()).containsExactly(Map.entry("age", 5), Map.entry("zip", 2));
        assertThat(result.suppressedRows()).isZero();
        assertThat(result.informationLoss()).isEqualTo((5.0 / 6 + 2.0 / 5) / 2);
        assertThat(result.table().header()).isEqualTo(PATIENTS.header());
        assertThat(result.table().rows()).first().isEqualTo(List.of("[0, 32)", "130**", "flu"));
        assertThat(result.table().rows()).last().isEqualTo(List.of("[32, 64)", "148**", "flu"));
        // Every record is unique on its raw age; afterwards two classes of four remain.
        assertThat(result.riskBefore()).isEqualTo(new Risk(1, 1, 1));
        assertThat(result.riskAfter()).isEqualTo(new Risk(0.25, 0.25, 1));
        assertThat(anonymizer(PATIENTS, 4, 1, 0).anonymize(0.3).riskAfter().recordsAtRisk()).isZero();
    }

    @Test
    void suppressesTheRowsOfClassesStillTooSmallWithinTheLimit() {
        List<List<String>> rows = new ArrayList<>(PATIENTS.rows());
        rows.add(List.of("31", "99999", "flu"));
        Table withOutlier = new Table(PATIENTS.header(), rows);

        Anonymization result = anonymizer(withOutlier, 4, 1, 0.2).anonymize(0.2);

        assertThat(result.suppressedRows()).isEqualTo(1);
        assertThat(result.table().rows()).hasSize(8).noneMatch(row -> row.get(1).startsWith("9"));
        assertKAnonymous(result.table(), 4);
        // With no suppression allowed the outlier has to hide in a class, which costs more generalization.
        Anonymization strict = anonymizer(withOutlier, 4, 1, 0).anonymize(0.2);
        assertThat(strict.suppressedRows()).isZero();
        assertThat(strict.informationLoss()).isGreaterThan(result.informationLoss());
    }

    @Test
    void everyOutputMeetsKAndLWithinTheSuppressionLimitAndPruningAgreesWithExhaustiveSearch() {
        Table census = census(400, 7);
        for (int k : new int[] {2, 5, 10}) {
            for (double limit : new double[] {0, 0.02, 0.1}) {
                for (int l : new int[] {1, 3}) {
                    Anonymization pruned = anonymizer(census, k, l, limit).anonymize(0.2);
                    Anonymization exhaustive = anonymizer(census, k, l, limit).anonymizeExhaustively(0.2);

                    assertThat(pruned).as("k=%d l=%d limit=%s", k, l, limit).isEqualTo(exhaustive);
                    assertKAnonymous(pruned.table(), k);
                    if (l > 1) {
                        assertLDiverse(pruned.table(), l);
                    }
                    assertThat(pruned.suppressedRows()).isLessThanOrEqualTo((long) (limit * census.rows().size()));
                    assertThat(pruned.table().rows().size() + pruned.suppressedRows()).isEqualTo(census.rows().size());
                    assertThat(pruned.riskAfter().highest()).isLessThanOrEqualTo(1.0 / k);
                }
            }
        }
    }

    @Test
    void reportsTheBestRiskWhenEvenTheTopOfTheLatticeFails() {
        Table three = new Table(PATIENTS.header(), PATIENTS.rows().subList(0, 3));
        assertThatThrownBy(() -> anonymizer(three, 5, 1, 0.05).anonymize(0.2))
                .isInstanceOfSatisfying(NoAnonymizationFound.class,
                        e -> assertThat(e.bestRisk()).isEqualTo(new Risk(1.0 / 3, 1.0 / 3, 1)));
        Table oneDiagnosis = new Table(PATIENTS.header(), PATIENTS.rows().stream()
                .map(row -> List.of(row.get(0), row.get(1), "flu")).toList());
        assertThatThrownBy(() -> anonymizer(oneDiagnosis, 2, 2, 0).anonymizeExhaustively(0.2))
                .isInstanceOf(NoAnonymizationFound.class);
    }

    private static KAnonymizer anonymizer(Table table, int k, int l, double suppressionLimit) {
        List<QuasiIdentifier> quasiIdentifiers = new ArrayList<>(List.of(
                new QuasiIdentifier("age", Hierarchy.numbers(table.distinctValues(0))),
                new QuasiIdentifier("zip", Hierarchy.postalCodes(table.distinctValues(1)))));
        if (table.column("sex") >= 0) {
            quasiIdentifiers.add(new QuasiIdentifier("sex",
                    Hierarchy.categories(Map.of("f", List.of(), "m", List.of()), table.distinctValues(3))));
        }
        return new KAnonymizer(table, quasiIdentifiers, "diagnosis", new PrivacyCriteria(k, l, suppressionLimit));
    }

    /** Seeded rows whose ages, zip codes and sexes cluster the way a population's do. */
    private static Table census(int rows, long seed) {
        Random random = new Random(seed);
        String[] diagnoses = {"flu", "cold", "cancer", "asthma", "diabetes"};
        List<List<String>> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int age = 18 + (int) Math.abs(random.nextGaussian() * 20) % 70;
            String zip = "1" + (random.nextInt(3)) + random.nextInt(10) + random.nextInt(10) + random.nextInt(10);
            data.add(List.of(Integer.toString(age), zip, diagnoses[random.nextInt(diagnoses.length)],
                    random.nextBoolean() ? "f" : "m"));
        }
        return new Table(List.of("age", "zip", "diagnosis", "sex"), data);
    }

    private static void assertKAnonymous(Table table, int k) {
        Map<List<String>, Integer> sizes = new HashMap<>();
        for (List<String> row : table.rows()) {
            sizes.merge(quasiIdentifiers(table, row), 1, Integer::sum);
        }
        assertThat(sizes.values()).allMatch(size -> size >= k);
    }

    private static void assertLDiverse(Table table, int l) {
        Map<List<String>, Set<String>> diagnoses = new HashMap<>();
        int diagnosis = table.column("diagnosis");
        for (List<String> row : table.rows()) {
            diagnoses.computeIfAbsent(quasiIdentifiers(table, row), key -> new HashSet<>()).add(row.get(diagnosis));
        }
        assertThat(diagnoses.values()).allMatch(values -> values.size() >= l);
    }

    private static List<String> quasiIdentifiers(Table table, List<String> row) {
        List<String> key = new ArrayList<>(List.of(row.get(0), row.get(1)));
        if (table.column("sex") >= 0) {
            key.add(row.get(table.column("sex")));
        }
        return key;
    }
}
