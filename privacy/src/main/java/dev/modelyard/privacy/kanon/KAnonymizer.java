package dev.modelyard.privacy.kanon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the generalization of a table's quasi-identifiers (one level of each one's hierarchy) that meets
 * k-anonymity, and distinct l-diversity when asked, once the records of classes still too small are
 * suppressed, within the suppression limit and with the least information loss.
 *
 * <p>The candidates form a lattice of level combinations. Generalizing only merges classes, so the criteria
 * are monotonic: a node that meets them within the limit passes that on to all its generalizations, and one
 * that fails passes failure on to all its specializations. A node's loss is its generalization loss (the mean
 * height ratio, which only grows up the lattice) plus its suppressed share.
 *
 * <p>The search visits nodes in order of generalization loss, a lower bound of their loss, and stops at the
 * first whose bound exceeds the best loss found. A node not yet known climbs a path to the top and binary
 * searches it for the lowest node that meets the criteria (as Flash does); the highest failing node below it
 * tags its whole down-set as failing, so those nodes are never grouped. Every node that meets the criteria
 * within the bound is still evaluated, since its suppressed share decides its loss: the result is the one
 * {@link #anonymizeExhaustively} finds.
 */
public final class KAnonymizer {

    /** Lattices larger than this take too long to search on a request. */
    public static final int MAX_LATTICE_NODES = 100_000;

    private static final Comparator<Node> BETTER =
            Comparator.comparingDouble(Node::loss).thenComparing(Node::levels, Arrays::compare);

    private final Table table;
    private final List<QuasiIdentifier> quasiIdentifiers;
    private final PrivacyCriteria criteria;
    private final int rowCount;
    private final int[] columns;
    private final int[] heights;
    /** Per quasi-identifier, its distinct values; a row refers to its value by position here. */
    private final List<List<String>> values = new ArrayList<>();
    /** [quasi-identifier][row]: the position of the row's value. */
    private final int[][] valueCodes;
    /** [quasi-identifier][level][value position]: a number standing for the value's label at that level. */
    private final int[][][] labelCodes;
    /** [row]: a number standing for the sensitive value; null without l-diversity. */
    private final int[] sensitiveCodes;

    /**
     * @param sensitiveColumn the column l-diversity is about; null when {@code criteria.l()} is 1
     * @throws IllegalArgumentException on an unknown column, a value outside its hierarchy, or a lattice larger
     *                                  than {@link #MAX_LATTICE_NODES}
     */
    public KAnonymizer(Table table, List<QuasiIdentifier> quasiIdentifiers, String sensitiveColumn,
                       PrivacyCriteria criteria) {
        if (quasiIdentifiers.isEmpty()) {
            throw new IllegalArgumentException("at least one quasi-identifier is needed");
        }
        this.table = table;
        this.quasiIdentifiers = List.copyOf(quasiIdentifiers);
        this.criteria = criteria;
        this.rowCount = table.rows().size();
        int count = quasiIdentifiers.size();
        columns = new int[count];
        heights = new int[count];
        valueCodes = new int[count][];
        labelCodes = new int[count][][];
        long latticeSize = 1;
        for (int q = 0; q < count; q++) {
            QuasiIdentifier quasiIdentifier = quasiIdentifiers.get(q);
            columns[q] = columnOf(quasiIdentifier.column());
            heights[q] = quasiIdentifier.hierarchy().height();
            latticeSize *= heights[q] + 1;
            if (latticeSize > MAX_LATTICE_NODES) {
                throw new IllegalArgumentException("the quasi-identifiers' hierarchies combine into more than "
                        + MAX_LATTICE_NODES + " generalizations");
            }
            encode(q, quasiIdentifier.hierarchy());
        }
        sensitiveCodes = criteria.l() > 1 ? codes(columnOf(sensitiveColumn), new ArrayList<>()) : null;
    }

    /** Searches the lattice with pruning, stopping where no better node can remain. */
    public Anonymization anonymize(double riskThreshold) {
        Search search = new Search();
        if (!search.visit(heights.clone()).feasible()) {
            throw noAnonymization(riskThreshold);
        }
        for (int[] levels : latticeByGeneralizationLoss()) {
            if (generalizationLoss(levels) > search.best.loss()) {
                break;
            }
            if (!search.known(levels)) {
                search.climb(levels);
            }
        }
        return anonymization(search.best, riskThreshold);
    }

    /** Evaluates every node of the lattice: the baseline that {@link #anonymize} must agree with. */
    public Anonymization anonymizeExhaustively(double riskThreshold) {
        Search search = new Search();
        for (int[] levels : latticeByGeneralizationLoss()) {
            search.visit(levels);
        }
        if (search.best == null) {
            throw noAnonymization(riskThreshold);
        }
        return anonymization(search.best, riskThreshold);
    }

    private int columnOf(String name) {
        int column = name == null ? -1 : table.column(name);
        if (column < 0) {
            throw new IllegalArgumentException("the table has no column '" + name + "'");
        }
        return column;
    }

    private void encode(int q, Hierarchy hierarchy) {
        List<String> distinct = new ArrayList<>();
        valueCodes[q] = codes(columns[q], distinct);
        values.add(distinct);
        labelCodes[q] = new int[heights[q] + 1][distinct.size()];
        for (int level = 0; level <= heights[q]; level++) {
            Map<String, Integer> labels = new HashMap<>();
            for (int value = 0; value < distinct.size(); value++) {
                String label = hierarchy.generalize(distinct.get(value), level);
                labelCodes[q][level][value] = labels.computeIfAbsent(label, l -> labels.size());
            }
        }
    }

    /** Numbers each distinct value of the column in order of appearance, as its position in {@code distinct}. */
    private int[] codes(int column, List<String> distinct) {
        Map<String, Integer> positions = new HashMap<>();
        int[] codes = new int[rowCount];
        for (int row = 0; row < rowCount; row++) {
            String value = table.rows().get(row).get(column);
            Integer position = positions.putIfAbsent(value, positions.size());
            if (position == null) {
                position = positions.size() - 1;
                distinct.add(value);
            }
            codes[row] = position;
        }
        return codes;
    }

    private List<int[]> latticeByGeneralizationLoss() {
        List<int[]> nodes = new ArrayList<>();
        int[] levels = new int[heights.length];
        while (true) {
            nodes.add(levels.clone());
            int q = 0;
            while (q < levels.length && levels[q] == heights[q]) {
                levels[q++] = 0;
            }
            if (q == levels.length) {
                break;
            }
            levels[q]++;
        }
        nodes.sort(Comparator.<int[]>comparingDouble(this::generalizationLoss).thenComparing(Arrays::compare));
        return nodes;
    }

    private double generalizationLoss(int[] levels) {
        double sum = 0;
        for (int q = 0; q < levels.length; q++) {
            sum += (double) levels[q] / heights[q];
        }
        return sum / levels.length;
    }

    private Node evaluate(int[] levels) {
        Classes classes = classesAt(levels);
        long suppressed = 0;
        for (int c = 0; c < classes.sizes().length; c++) {
            if (!meetsCriteria(classes, c)) {
                suppressed += classes.sizes()[c];
            }
        }
        double suppressedShare = rowCount == 0 ? 0 : (double) suppressed / rowCount;
        return new Node(levels, suppressedShare <= criteria.suppressionLimit(),
                generalizationLoss(levels) + suppressedShare);
    }

    private boolean meetsCriteria(Classes classes, int c) {
        return classes.sizes()[c] >= criteria.k()
                && (classes.distinctSensitive() == null || classes.distinctSensitive()[c] >= criteria.l());
    }

    /**
     * Groups the rows by their labels at these levels, one quasi-identifier at a time: a row's class so far and
     * its next label, two ints, make one long key, whatever the number of quasi-identifiers.
     */
    private Classes classesAt(int[] levels) {
        int[] classOf = new int[rowCount];
        int classCount = 0;
        DenseIds ids = new DenseIds(rowCount);
        for (int q = 0; q < levels.length; q++) {
            int[] labelOf = labelCodes[q][levels[q]];
            int[] codes = valueCodes[q];
            ids.clear();
            for (int row = 0; row < rowCount; row++) {
                classOf[row] = ids.idOf(((long) classOf[row] << 32) | labelOf[codes[row]]);
            }
            classCount = ids.size();
        }
        int[] sizes = new int[classCount];
        for (int c : classOf) {
            sizes[c]++;
        }
        int[] distinctSensitive = null;
        if (sensitiveCodes != null) {
            distinctSensitive = new int[classCount];
            ids.clear();
            for (int row = 0; row < rowCount; row++) {
                int seen = ids.size();
                if (ids.idOf(((long) classOf[row] << 32) | sensitiveCodes[row]) == seen) {
                    distinctSensitive[classOf[row]]++;
                }
            }
        }
        return new Classes(classOf, sizes, distinctSensitive);
    }

    private Anonymization anonymization(Node chosen, double riskThreshold) {
        int[] levels = chosen.levels();
        Classes classes = classesAt(levels);
        List<String[]> labels = new ArrayList<>();
        for (int q = 0; q < levels.length; q++) {
            List<String> distinct = values.get(q);
            String[] labelOf = new String[distinct.size()];
            for (int value = 0; value < labelOf.length; value++) {
                labelOf[value] = quasiIdentifiers.get(q).hierarchy().generalize(distinct.get(value), levels[q]);
            }
            labels.add(labelOf);
        }
        int[] keptSizes = new int[classes.sizes().length];
        List<List<String>> rows = new ArrayList<>();
        for (int row = 0; row < rowCount; row++) {
            int c = classes.classOf()[row];
            if (!meetsCriteria(classes, c)) {
                continue;
            }
            keptSizes[c]++;
            List<String> generalized = new ArrayList<>(table.rows().get(row));
            for (int q = 0; q < levels.length; q++) {
                generalized.set(columns[q], labels.get(q)[valueCodes[q][row]]);
            }
            rows.add(generalized);
        }
        Map<String, Integer> generalization = new LinkedHashMap<>();
        for (int q = 0; q < levels.length; q++) {
            generalization.put(quasiIdentifiers.get(q).column(), levels[q]);
        }
        Risk before = Risk.of(classesAt(new int[levels.length]).sizes(), riskThreshold);
        return new Anonymization(generalization, rowCount - rows.size(), before, Risk.of(keptSizes, riskThreshold),
                chosen.loss(), new Table(table.header(), rows));
    }

    private NoAnonymizationFound noAnonymization(double riskThreshold) {
        return new NoAnonymizationFound(Risk.of(classesAt(heights.clone()).sizes(), riskThreshold));
    }

    /** What a search knows: the nodes it evaluated, the failing nodes it tagged, the best node so far. */
    private final class Search {

        private final boolean[] evaluated;
        /** Failing nodes whose specializations all fail too. */
        private final List<int[]> failing = new ArrayList<>();
        private Node best;

        Search() {
            int size = 1;
            for (int height : heights) {
                size *= height + 1;
            }
            evaluated = new boolean[size];
        }

        boolean known(int[] levels) {
            return evaluated[index(levels)] || failing.stream().anyMatch(top -> below(levels, top));
        }

        Node visit(int[] levels) {
            evaluated[index(levels)] = true;
            Node node = evaluate(levels);
            if (node.feasible() && (best == null || BETTER.compare(node, best) < 0)) {
                best = node;
            }
            return node;
        }

        /**
         * Binary searches the path from {@code start} to the top for its lowest node that meets the criteria
         * (the top does), and tags the down-set of the failing node just below it.
         */
        void climb(int[] start) {
            List<int[]> path = pathToTop(start);
            int low = 0;
            int high = path.size() - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (visit(path.get(middle)).feasible()) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            if (low > 0) {
                failing.add(path.get(low - 1));
            }
        }

        /** Raises the least generalized quasi-identifier (relative to its height) one level at a time. */
        private List<int[]> pathToTop(int[] start) {
            List<int[]> path = new ArrayList<>();
            int[] levels = start.clone();
            path.add(levels.clone());
            while (true) {
                int raise = -1;
                for (int q = 0; q < levels.length; q++) {
                    if (levels[q] < heights[q] && (raise < 0
                            || (double) levels[q] / heights[q] < (double) levels[raise] / heights[raise])) {
                        raise = q;
                    }
                }
                if (raise < 0) {
                    return path;
                }
                levels[raise]++;
                path.add(levels.clone());
            }
        }

        private int index(int[] levels) {
            int index = 0;
            for (int q = 0; q < levels.length; q++) {
                index = index * (heights[q] + 1) + levels[q];
            }
            return index;
        }

        private static boolean below(int[] levels, int[] top) {
            for (int q = 0; q < levels.length; q++) {
                if (levels[q] > top[q]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Numbers distinct long keys densely from 0 in order of first appearance. Open addressing over primitive
     * arrays: grouping is the search's inner loop, and boxed map entries would make it several times slower.
     */
    private static final class DenseIds {

        private final long[] keys;
        private final int[] ids;
        private final int shift;
        private int size;

        /** Room for up to {@code capacity} keys at a load of at most one half. */
        DenseIds(int capacity) {
            int slots = Integer.highestOneBit(Math.max(capacity, 1)) * 4;
            keys = new long[slots];
            ids = new int[slots];
            shift = 64 - Integer.numberOfTrailingZeros(slots);
            clear();
        }

        void clear() {
            Arrays.fill(ids, -1);
            size = 0;
        }

        int size() {
            return size;
        }

        int idOf(long key) {
            int mask = ids.length - 1;
            for (int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift); ; slot = (slot + 1) & mask) {
                if (ids[slot] < 0) {
                    keys[slot] = key;
                    ids[slot] = size;
                    return size++;
                }
                if (keys[slot] == key) {
                    return ids[slot];
                }
            }
        }
    }

    /** A generalization evaluated: whether it meets the criteria within the suppression limit, and its loss. */
    private record Node(int[] levels, boolean feasible, double loss) {
    }

    /**
     * The equivalence classes of the rows at some levels: each row's class, each class's size and, with
     * l-diversity, its number of distinct sensitive values.
     */
    private record Classes(int[] classOf, int[] sizes, int[] distinctSensitive) {
    }
}
