package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.privacy.pii.PiiType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against a plain model of what it answers: every enabled recognizer's pattern searched across the whole
 * text, each candidate scored and its context weighed, then the longest (and best) of overlapping findings kept.
 * The engine gets there by shortcuts (screens on a text's profile, start tables, scanners, a finding of the whole
 * text settling it), and each must change no answer.
 */
class DetectionEngineModelTest {

    private static final String[] GLUE = {" ", ", ", "; call ", " card ", "\n", "", " zip ", " born ", " key: ", "-",
        "/", ":", " iban ", " order ", " version "};
    private static final String[] FIELDS = {null, "contact", "date_of_birth", "api_key", "order_id"};

    static List<DetectionSettings> settings() {
        DetectionSettings defaults = DetectionSettings.defaults();
        List<DetectionSettings.CustomPattern> patterns = List.of(
                new DetectionSettings.CustomPattern("EMPLOYEE_ID", "E-\\d{6}", 0.9),
                // Spans whole card numbers and IBANs too, with a higher score than theirs.
                new DetectionSettings.CustomPattern("GROUPED", "\\d{4}(?: \\d{4}){3}", 1.0),
                new DetectionSettings.CustomPattern("ACCOUNT", "[A-Z]{2}\\d{2}[A-Z0-9 ]{4,}", 0.96),
                new DetectionSettings.CustomPattern("WEAK_EMAIL", "[a-z]+@[a-z]+\\.com", 0.4));
        return List.of(defaults, defaults.withThreshold(0.8),
                defaults.withTenantLists(patterns, Map.of("Alice Martin", "PERSON", "4111 1111 1111 1111", "TEST_CARD"),
                        Set.of("jane.doe@example.com", "192.168.0.1")),
                new DetectionSettings(0.5, EnumSet.of(PiiType.PHONE_NUMBER, PiiType.US_SSN, PiiType.DATE_OF_BIRTH),
                        List.of(), Map.of(), Set.of(), 100, 0.6));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void answersWhatSearchingEveryPatternAcrossTheTextAnswers(DetectionSettings settings) {
        DetectionEngine engine = new DetectionEngine(settings);
        int findings = 0;
        for (String text : texts(new SplittableRandom(17))) {
            for (String field : FIELDS) {
                List<Finding> expected = model(settings, text, field);
                assertThat(engine.detect(text, field)).as("\"%s\" in field %s", text, field).isEqualTo(expected);
                findings += expected.size();
            }
        }
        assertThat(findings).isGreaterThan(2_000);
    }

    /** Whole values, values in sentences, values joined by context words and separators, and pieces of them. */
    private static List<String> texts(SplittableRandom random) {
        List<String> samples = new ArrayList<>();
        new LabelledCorpus(11).samples(1200).forEach(sample -> samples.add(sample.text()));
        List<String> texts = new ArrayList<>(samples);
        for (int i = 0; i < 1200; i++) {
            texts.add(samples.get(random.nextInt(samples.size())) + GLUE[random.nextInt(GLUE.length)]
                    + samples.get(random.nextInt(samples.size())));
        }
        for (int i = 0; i < 400; i++) {
            String text = samples.get(random.nextInt(samples.size()));
            int from = random.nextInt(text.length() + 1);
            int to = random.nextInt(text.length() + 1);
            texts.add(text.substring(Math.min(from, to), Math.max(from, to)));
        }
        return texts;
    }

    private static List<Finding> model(DetectionSettings settings, String text, String field) {
        List<Recognizer> recognizers = new ArrayList<>();
        Recognizers.ALL.stream()
                .filter(recognizer -> settings.enabledTypes().stream().anyMatch(type -> type.name().equals(recognizer.type())))
                .forEach(recognizers::add);
        settings.customPatterns().forEach(pattern -> recognizers.add(Recognizers.custom(pattern)));
        List<Finding> found = new ArrayList<>();
        for (Recognizer recognizer : recognizers) {
            boolean supportedByField = recognizer.supporting().appearIn(field);
            if (recognizer.bestScore() < settings.threshold() && !supportedByField
                    && !recognizer.supporting().appearIn(text)) {
                continue;
            }
            Pattern pattern = recognizer.candidates() != null ? recognizer.candidates()
                    : CandidateScannersTest.SPECIFICATIONS.get((CandidateScanners) recognizer.scanner());
            for (Matcher matcher = pattern.matcher(text); matcher.find(); ) {
                String value = matcher.group();
                double score = recognizer.scorer().applyAsDouble(value);
                if (score <= 0) {
                    continue;
                }
                int start = matcher.start();
                if (supportedByField || recognizer.supporting()
                        .appearIn(text, start - DetectionEngine.SUPPORT_WINDOW, start)) {
                    score += DetectionEngine.SUPPORT;
                }
                if (recognizer.contradicting().appearIn(text, start - DetectionEngine.CONTRADICTION_WINDOW, start)) {
                    score -= DetectionEngine.CONTRADICTION;
                }
                if (score >= settings.threshold() && !settings.allowList().contains(value)) {
                    found.add(new Finding(recognizer.type(), start, matcher.end(), Math.min(1, score)));
                }
            }
        }
        settings.denyList().forEach((term, type) -> {
            for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length())) {
                found.add(new Finding(type, at, at + term.length(), 1));
            }
        });
        found.sort(Comparator.comparingInt(Finding::length).reversed()
                .thenComparing(Comparator.comparingDouble(Finding::score).reversed())
                .thenComparingInt(Finding::start));
        List<Finding> kept = new ArrayList<>();
        for (Finding candidate : found) {
            if (kept.stream().noneMatch(k -> k.overlaps(candidate.start(), candidate.end()))) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }
}
