package dev.modelyard.privacy.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.IntStream;

/**
 * Runs the recognizers over a text and decides what counts: each candidate's content score, raised by
 * supporting words shortly before it or in its field's name and lowered by contradicting ones, must reach
 * the threshold; of overlapping findings the longer span wins, then the higher score. Thread-safe: what it keeps
 * between texts (answers per field and per profile, each thread's matchers) never changes an answer.
 */
public final class DetectionEngine {

    /** How far before a candidate supporting words are looked for, in characters. */
    static final int SUPPORT_WINDOW = 40;
    /** Contradicting words must be closer: "order 555-0100" is an order number, "order placed Monday, call 555-0100" not. */
    static final int CONTRADICTION_WINDOW = 16;
    static final double SUPPORT = 0.35;
    static final double CONTRADICTION = 0.4;

    /**
     * Digit runs inside IBANs, URLs and national IDs look like phones or cards by accident, while a longer
     * value hardly ever arises from a shorter one: so the longer span wins, then the higher score.
     */
    private static final Comparator<Finding> LONGEST_FIRST = Comparator.comparingInt(Finding::length).reversed()
            .thenComparing(Comparator.comparingDouble(Finding::score).reversed())
            .thenComparingInt(Finding::start);

    /** Field names seen are few (a file's columns and keys), so which recognizers each supports is kept. */
    private static final int MAX_REMEMBERED_FIELDS = 4096;
    private static final int SCREENED_SLOT_BITS = 11;

    private final DetectionSettings settings;
    /** The enabled built-in recognizers first, then the tenant's own. */
    private final List<Recognizer> recognizers;
    private final int builtIns;
    private final Map<String, boolean[]> supportByField = new ConcurrentHashMap<>();
    /**
     * The same answers by the field string's identity, in a direct-mapped table: a file passes the same few
     * strings (its column names) for every value, and comparing references skips hashing them.
     */
    private final FieldSupport[] supportBySameField = new FieldSupport[64];
    /** The recognizers worth trying by screen key, in a direct-mapped table: a key that collides is screened again. */
    private final Screened[] screened = new Screened[1 << SCREENED_SLOT_BITS];
    private final StartPositions startPositions;
    /** What each thread reuses from text to text. */
    private final ThreadLocal<Scratch> scratches;

    public DetectionEngine(DetectionSettings settings) {
        this.settings = settings;
        List<Recognizer> enabled = new ArrayList<>();
        for (Recognizer recognizer : Recognizers.ALL) {
            if (settings.enabledTypes().stream().anyMatch(type -> type.name().equals(recognizer.type()))) {
                enabled.add(recognizer);
            }
        }
        this.builtIns = enabled.size();
        settings.customPatterns().forEach(pattern -> enabled.add(Recognizers.custom(pattern)));
        this.recognizers = List.copyOf(enabled);
        this.startPositions = new StartPositions(recognizers);
        this.scratches = ThreadLocal.withInitial(() -> new Scratch(new Matcher[recognizers.size()],
                new boolean[recognizers.size()], new StartPositions.Found()));
    }

    public DetectionSettings settings() {
        return settings;
    }

    /**
     * The personal data in {@code text}, ordered by position and not overlapping.
     *
     * @param field the column or key the text is the value of, itself context ("phone", "date_of_birth"); may be null
     */
    public List<Finding> detect(String text, String field) {
        if (text.isEmpty()) {
            return List.of();
        }
        TextProfile profile = TextProfile.of(text);
        List<Finding> found = null;
        Screened screening = worthTrying(profile);
        int[] tried = screening.recognizers();
        if (tried.length > 0) {
            Scratch scratch = scratches.get();
            boolean[] supportedByFields = supportedBy(field);
            boolean[] runs = scratch.runs();
            for (int r : tried) {
                // A kind that cannot reach the threshold on its own is only worth looking for where its context
                // is. That is looked for only where it matters (below), before the kind's starts: such kinds'
                // values (dates, five-digit numbers) are common.
                runs[r] = recognizers.get(r).bestScore() >= settings.threshold() || supportedByFields[r];
            }
            found = wholeTextFindings(tried, runs, text, profile, supportedByFields);
            // Once settled by a finding of the whole text, tenant patterns still search it: one of theirs could
            // span it too, scoring higher.
            boolean settled = found != null;
            int indexed = 0;
            for (int r : tried) {
                Recognizer recognizer = recognizers.get(r);
                runs[r] = (!settled || recognizer.scanner() == null)
                        && (runs[r] || recognizer.supporting().appearIn(text, profile));
                indexed |= runs[r] && r < Integer.SIZE ? screening.indexed() & 1 << r : 0;
            }
            if (indexed != 0) {
                startPositions.index(text, indexed, scratch.found());
            }
            for (int r : tried) {
                if (runs[r]) {
                    found = find(r, text, profile, supportedByFields[r], scratch, indexed, found);
                }
            }
        }
        found = addDenied(text, found);
        if (found == null || found.isEmpty()) {
            return List.of();
        }
        return found.size() == 1 ? found : strongestWithoutOverlaps(found);
    }

    /** Adds recognizer {@code r}'s findings in {@code text} to {@code found} (made when there is a first one). */
    private List<Finding> find(int r, String text, TextProfile profile, boolean supportedByField, Scratch scratch,
                               int indexed, List<Finding> found) {
        Recognizer recognizer = recognizers.get(r);
        IntUnaryOperator startsFrom = r < Integer.SIZE && (indexed & 1 << r) != 0
                ? startPositions.startsOf(r, scratch.found())
                : from -> recognizer.nextStart(text, from);
        int start = startsFrom.applyAsInt(0);
        if (start < 0) {
            return found;
        }
        if (found == null) {
            found = new ArrayList<>(4);
        }
        int first = found.size();
        Matcher matcher = recognizer.scanner() == null ? matcherFor(scratch.matchers(), r, text) : null;
        recognizer.find(matcher, text, start, startsFrom, found);
        rescore(recognizer, text, profile, supportedByField, found, first);
        return found;
    }

    /**
     * The candidates of the scanners that run ({@code runs}, or where their context is in the text) which span the
     * whole text and pass the threshold, or null where none does. A value is often a whole cell or field, and then
     * this settles it: a finding of the whole text is the longest possible, so every other candidate overlaps it
     * and loses to it, and looking for them would be wasted.
     */
    private List<Finding> wholeTextFindings(int[] tried, boolean[] runs, String text, TextProfile profile,
                                            boolean[] supportedByFields) {
        List<Finding> found = null;
        for (int r : tried) {
            Recognizer recognizer = recognizers.get(r);
            // Of a kind that needs context, the profile rules most texts out before the scanner reads them.
            if (recognizer.scanner() != null && (runs[r] || recognizer.supporting().mayAppearIn(profile))
                    && recognizer.spansWholeText(text) && (runs[r] || recognizer.supporting().appearIn(text))) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                int first = found.size();
                recognizer.add(text, 0, text.length(), found);
                rescore(recognizer, text, profile, supportedByFields[r], found, first);
            }
        }
        return found == null || found.isEmpty() ? null : found;
    }

    /**
     * The recognizers whose screen the profile passes and that can reach the threshold at all, found once per
     * screen key and kept: texts of a file fall into few keys, and running every screen costs more than a lookup.
     */
    private Screened worthTrying(TextProfile profile) {
        int key = profile.screenKey();
        int slot = (key * 0x9E3779B1) >>> (Integer.SIZE - SCREENED_SLOT_BITS);
        Screened known = screened[slot];
        if (known != null && known.key() == key) {
            return known;
        }
        TextProfile stepped = profile.stepped();
        int[] worthTrying = IntStream.range(Recognizers.canHoldAny(stepped) ? 0 : builtIns, recognizers.size())
                .filter(r -> recognizers.get(r).screen().test(stepped)
                        && recognizers.get(r).bestScore() + SUPPORT >= settings.threshold())
                .toArray();
        // Entries are immutable, so a thread reading a slot another one is writing sees the old entry or the new.
        Screened screening = new Screened(key, worthTrying, startPositions.covered(worthTrying));
        screened[slot] = screening;
        return screening;
    }

    /**
     * The recognizers worth trying on texts with one screen key, and which of them (bits) find their starts
     * through {@link StartPositions}.
     */
    private record Screened(int key, int[] recognizers, int indexed) {
    }

    /**
     * Each thread's matchers of the recognizers' patterns (none for those with a scanner), made on first use and
     * reset for each text; which recognizers run on the current text; and its start positions.
     */
    private record Scratch(Matcher[] matchers, boolean[] runs, StartPositions.Found found) {
    }

    private Matcher matcherFor(Matcher[] threadMatchers, int recognizer, String text) {
        Matcher matcher = threadMatchers[recognizer];
        if (matcher == null) {
            matcher = recognizers.get(recognizer).candidates().matcher(text);
            threadMatchers[recognizer] = matcher;
            return matcher;
        }
        return matcher.reset(text);
    }

    /** Per recognizer, whether the field's name holds one of its supporting words. */
    private boolean[] supportedBy(String field) {
        String key = field == null ? "" : field;
        int slot = System.identityHashCode(key) & (supportBySameField.length - 1);
        FieldSupport same = supportBySameField[slot];
        if (same != null && same.field() == key) {
            return same.supported();
        }
        boolean[] supported = supportByField.get(key);
        if (supported == null) {
            supported = new boolean[recognizers.size()];
            for (int r = 0; r < recognizers.size(); r++) {
                supported[r] = recognizers.get(r).supporting().appearIn(key);
            }
            if (supportByField.size() < MAX_REMEMBERED_FIELDS) {
                supportByField.put(key, supported);
            }
        }
        supportBySameField[slot] = new FieldSupport(key, supported);
        return supported;
    }

    /** What {@link #supportedBy} answered for one field's string. */
    private record FieldSupport(String field, boolean[] supported) {
    }

    /** Applies context to the candidates from {@code first} on, dropping those below the threshold or allowed. */
    private void rescore(Recognizer recognizer, String text, TextProfile profile, boolean supportedByField,
                         List<Finding> found, int first) {
        boolean supportMayAppear = !supportedByField && recognizer.supporting().mayAppearIn(profile);
        boolean contradictionMayAppear = recognizer.contradicting().mayAppearIn(profile);
        int kept = first;
        for (int i = first; i < found.size(); i++) {
            Finding candidate = found.get(i);
            double score = candidate.score();
            if (supportedByField || supportMayAppear
                    && recognizer.supporting().appearIn(text, candidate.start() - SUPPORT_WINDOW, candidate.start())) {
                score += SUPPORT;
            }
            if (contradictionMayAppear && recognizer.contradicting()
                    .appearIn(text, candidate.start() - CONTRADICTION_WINDOW, candidate.start())) {
                score -= CONTRADICTION;
            }
            if (score >= settings.threshold() && !isAllowed(text, candidate)) {
                double capped = Math.min(1, score);
                found.set(kept++, capped == candidate.score() ? candidate
                        : new Finding(candidate.type(), candidate.start(), candidate.end(), capped));
            }
        }
        for (int last = found.size() - 1; last >= kept; last--) {
            found.remove(last);
        }
    }

    private boolean isAllowed(String text, Finding candidate) {
        return !settings.allowList().isEmpty()
                && settings.allowList().contains(text.substring(candidate.start(), candidate.end()));
    }

    private List<Finding> addDenied(String text, List<Finding> found) {
        for (Map.Entry<String, String> denied : settings.denyList().entrySet()) {
            String term = denied.getKey();
            for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length())) {
                if (found == null) {
                    found = new ArrayList<>(4);
                }
                found.add(new Finding(denied.getValue(), at, at + term.length(), 1));
            }
        }
        return found;
    }

    private static List<Finding> strongestWithoutOverlaps(List<Finding> found) {
        found.sort(LONGEST_FIRST);
        List<Finding> kept = new ArrayList<>(found.size());
        for (Finding candidate : found) {
            if (kept.stream().noneMatch(k -> k.overlaps(candidate.start(), candidate.end()))) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }
}
