package dev.modelyard.privacy.kanon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the values of one quasi-identifier generalize, level by level: level 0 is the value itself, the top
 * level is {@code *} for every value. A blank value (a missing cell) stays blank below the top.
 * Generalizing further must only ever merge values, never split them: each label of a level has one parent
 * on the next. That is what makes k-anonymity monotonic over the lattice, so it is checked on construction.
 * Factories throw {@link IllegalArgumentException} naming the value at fault.
 */
public final class Hierarchy {

    public static final String TOP = "*";

    /** Number intervals start about this many to the range, then double until one holds every value. */
    private static final int TARGET_INTERVALS = 16;

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Map<String, List<String>> paths;
    private final int height;

    private Hierarchy(Map<String, List<String>> paths) {
        this.paths = paths;
        this.height = paths.isEmpty() ? 1 : paths.values().iterator().next().size() - 1;
        checkShape();
    }

    /** The number of levels above the value itself; at least 1. */
    public int height() {
        return height;
    }

    public String generalize(String value, int level) {
        List<String> path = paths.get(value);
        if (path == null) {
            throw new IllegalArgumentException("value '" + value + "' is not in the hierarchy");
        }
        return path.get(level);
    }

    /**
     * Intervals {@code [low, high)} aligned to multiples of their width, so each nests in one interval of the
     * next level. The base width is the round number (1, 2 or 5 times a power of ten) nearest above a
     * sixteenth of the range, at least 2 for whole numbers (an interval of width 1 would be the value itself).
     */
    public static Hierarchy numbers(Collection<String> values) {
        Map<String, BigDecimal> numbers = new LinkedHashMap<>();
        for (String value : values) {
            if (!value.isBlank()) {
                numbers.put(value, parseNumber(value));
            }
        }
        List<BigDecimal> widths = new ArrayList<>();
        if (!numbers.isEmpty()) {
            BigDecimal min = numbers.values().stream().min(BigDecimal::compareTo).orElseThrow();
            BigDecimal max = numbers.values().stream().max(BigDecimal::compareTo).orElseThrow();
            boolean whole = numbers.values().stream().allMatch(n -> n.stripTrailingZeros().scale() <= 0);
            BigDecimal width = baseWidth(max.subtract(min), whole);
            while (intervalStart(min, width).compareTo(intervalStart(max, width)) != 0) {
                widths.add(width);
                width = width.add(width);
            }
        }
        return build(values, value -> {
            List<String> path = new ArrayList<>();
            BigDecimal number = numbers.get(value);
            for (BigDecimal width : widths) {
                BigDecimal low = intervalStart(number, width);
                path.add("[" + plain(low) + ", " + plain(low.add(width)) + ")");
            }
            return path;
        }, widths.size());
    }

    /** ISO dates ({@code yyyy-MM-dd}) to month, year and decade. */
    public static Hierarchy dates(Collection<String> values) {
        return build(values, value -> {
            String date = value.strip();
            if (!ISO_DATE.matcher(date).matches()) {
                throw new IllegalArgumentException("value '" + value + "' is not a date (yyyy-MM-dd)");
            }
            try {
                // Only to refuse a day the calendar lacks; the levels are cut from the text.
                LocalDate.of(Integer.parseInt(date, 0, 4, 10), Integer.parseInt(date, 5, 7, 10),
                        Integer.parseInt(date, 8, 10, 10));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("value '" + value + "' is not a date: " + e.getMessage());
            }
            return List.of(date.substring(0, 7), date.substring(0, 4), date.substring(0, 3) + "0s");
        }, 3);
    }

    /** Postal codes lose one trailing character per level, masked with {@code *}, up to the longest code. */
    public static Hierarchy postalCodes(Collection<String> values) {
        int longest = values.stream().mapToInt(String::length).max().orElse(1);
        return build(values, value -> {
            List<String> path = new ArrayList<>();
            for (int level = 1; level < longest; level++) {
                int kept = Math.max(0, value.length() - level);
                path.add(value.substring(0, kept) + TOP.repeat(value.length() - kept));
            }
            return path;
        }, Math.max(0, longest - 1));
    }

    /**
     * A user's hierarchy: for each value, its generalizations from level 1 up. A path may start with the value
     * itself (as ARX's hierarchy files do) and may leave out the final {@code *}; every path needs the same
     * number of levels, and every value of the column needs a path.
     */
    public static Hierarchy categories(Map<String, List<String>> generalizations, Collection<String> values) {
        return build(values, value -> {
            List<String> path = generalizations.get(value);
            if (path == null) {
                throw new IllegalArgumentException("value '" + value + "' has no path in the hierarchy");
            }
            List<String> levels = new ArrayList<>(path);
            if (!levels.isEmpty() && levels.getFirst().equals(value)) {
                levels.removeFirst();
            }
            if (!levels.isEmpty() && levels.getLast().equals(TOP)) {
                levels.removeLast();
            }
            return levels;
        }, -1);
    }

    /**
     * Builds the paths of the distinct values: {@code generalizations} gives the levels between a value and
     * the top. A blank value stays blank on {@code blankLevels} levels, or, when that is -1 (a user's
     * hierarchy, whose height only its paths tell), on as many as the other values have.
     */
    private static Hierarchy build(Collection<String> values, Generalizations generalizations, int blankLevels) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        List<String> blanks = new ArrayList<>();
        for (String value : values) {
            if (paths.containsKey(value)) {
                continue;
            }
            if (value.isBlank()) {
                blanks.add(value);
                continue;
            }
            List<String> path = new ArrayList<>();
            path.add(value);
            path.addAll(generalizations.between(value));
            path.add(TOP);
            paths.put(value, List.copyOf(path));
        }
        int levels = blankLevels >= 0 || paths.isEmpty() ? Math.max(blankLevels, 0)
                : paths.values().iterator().next().size() - 2;
        for (String blank : blanks) {
            List<String> path = new ArrayList<>(Collections.nCopies(levels + 1, blank));
            path.add(TOP);
            paths.put(blank, List.copyOf(path));
        }
        return new Hierarchy(paths);
    }

    private void checkShape() {
        String first = null;
        List<Map<String, String>> parents = new ArrayList<>();
        for (int level = 0; level < height; level++) {
            parents.add(new HashMap<>());
        }
        for (Map.Entry<String, List<String>> entry : paths.entrySet()) {
            List<String> path = entry.getValue();
            if (path.size() != height + 1) {
                throw new IllegalArgumentException("every value needs as many levels: '" + first + "' has "
                        + height + ", '" + entry.getKey() + "' has " + (path.size() - 1));
            }
            first = first == null ? entry.getKey() : first;
            for (int level = 1; level < height; level++) {
                String parent = parents.get(level).putIfAbsent(path.get(level), path.get(level + 1));
                if (parent != null && !parent.equals(path.get(level + 1))) {
                    throw new IllegalArgumentException("'" + path.get(level) + "' generalizes to both '" + parent
                            + "' and '" + path.get(level + 1) + "' at level " + (level + 1));
                }
            }
        }
    }

    private static BigDecimal parseNumber(String value) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value '" + value + "' is not a number");
        }
    }

    private static BigDecimal baseWidth(BigDecimal range, boolean whole) {
        BigDecimal width = roundNumberAtLeast(range.doubleValue() / TARGET_INTERVALS);
        return whole && width.compareTo(BigDecimal.TWO) < 0 ? BigDecimal.TWO : width;
    }

    /** The smallest of 1, 2 and 5 times a power of ten that is at least {@code target} (1 for a zero target). */
    private static BigDecimal roundNumberAtLeast(double target) {
        if (target <= 0) {
            return BigDecimal.ONE;
        }
        for (int exponent = (int) Math.floor(Math.log10(target)); ; exponent++) {
            for (int mantissa : new int[] {1, 2, 5}) {
                BigDecimal candidate = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
                if (candidate.doubleValue() >= target) {
                    return candidate;
                }
            }
        }
    }

    private static BigDecimal intervalStart(BigDecimal number, BigDecimal width) {
        return number.divide(width, 0, RoundingMode.FLOOR).multiply(width);
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    /** The labels strictly between a value and the top, lowest first. */
    @FunctionalInterface
    private interface Generalizations {
        List<String> between(String value);
    }
}
