package dev.modelyard.privacy.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A plan's pattern as a deterministic automaton over the ten digits: the plans' number patterns are
 * long alternations of digit prefixes, which {@code java.util.regex} tries one branch after another,
 * while the automaton reads each digit once. The patterns use digits, {@code \d}, classes of digits,
 * groups, alternation, {@code ?} and {@code {n}}/{@code {n,m}}; a pattern with anything else, or one
 * whose automaton would be too large, is left to {@code java.util.regex}.
 */
final class DigitPattern {

    private static final int ALL_DIGITS = (1 << 10) - 1;
    private static final int MAX_STATES = 4096;

    /** {@code state * 10 + digit} to the next state, -1 where no match can follow; state 0 starts. */
    private final int[] next;
    private final boolean[] accepting;
    /** The regex itself where the automaton cannot stand for it, null otherwise. */
    private final Pattern regex;

    private DigitPattern(int[] next, boolean[] accepting, Pattern regex) {
        this.next = next;
        this.accepting = accepting;
        this.regex = regex;
    }

    static DigitPattern compile(String regex) {
        try {
            DigitPattern automaton = Automaton.of(new RegexReader(regex).read());
            if (automaton != null) {
                return automaton;
            }
        } catch (IllegalArgumentException unsupported) {
            // Falls through to the regex engine, which reads every pattern.
        }
        return new DigitPattern(null, null, Patterns.compile(regex));
    }

    /** {@code Matcher.matches}: the whole text is one of the pattern's numbers. */
    boolean matches(String text) {
        if (regex != null) {
            return regex.matcher(text).matches();
        }
        int state = 0;
        for (int i = 0; i < text.length() && state >= 0; i++) {
            state = step(state, text.charAt(i));
        }
        return state >= 0 && accepting[state];
    }

    /** {@code Matcher.lookingAt}: the text starts with one of the pattern's numbers. */
    boolean matchesStartOf(String text) {
        if (regex != null) {
            return regex.matcher(text).lookingAt();
        }
        int state = 0;
        for (int i = 0; !accepting[state]; i++) {
            if (i == text.length() || (state = step(state, text.charAt(i))) < 0) {
                return false;
            }
        }
        return true;
    }

    private int step(int state, char c) {
        return c >= '0' && c <= '9' ? next[state * 10 + c - '0'] : -1;
    }

    /** A pattern read into a tree: digit sets, sequences, alternatives, repeats. */
    sealed interface Node {
    }

    /** One digit out of a set, bit {@code d} for digit {@code d}. */
    record Digits(int set) implements Node {
    }

    record Sequence(List<Node> items) implements Node {
    }

    record Choice(List<Node> branches) implements Node {
    }

    record Repeat(Node node, int min, int max) implements Node {
    }

    /** Reads the subset of regex syntax the plans use; anything else is an {@link IllegalArgumentException}. */
    static final class RegexReader {

        private final String regex;
        private int at;

        RegexReader(String regex) {
            this.regex = regex;
        }

        Node read() {
            Node pattern = choice();
            if (at != regex.length()) {
                throw unsupported();
            }
            return pattern;
        }

        private Node choice() {
            List<Node> branches = new ArrayList<>(List.of(sequence()));
            while (at < regex.length() && regex.charAt(at) == '|') {
                at++;
                branches.add(sequence());
            }
            return branches.size() == 1 ? branches.getFirst() : new Choice(branches);
        }

        private Node sequence() {
            List<Node> items = new ArrayList<>();
            while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
                items.add(repeated(atom()));
            }
            return new Sequence(items);
        }

        private Node atom() {
            char c = regex.charAt(at++);
            if (c >= '0' && c <= '9') {
                return new Digits(1 << c - '0');
            }
            if (c == '\\' && at < regex.length() && regex.charAt(at) == 'd') {
                at++;
                return new Digits(ALL_DIGITS);
            }
            if (c == '[') {
                return digitClass();
            }
            if (c == '(') {
                if (regex.startsWith("?:", at)) {
                    at += 2;
                } else if (regex.startsWith("?", at)) {
                    throw unsupported();
                }
                Node group = choice();
                if (at == regex.length() || regex.charAt(at++) != ')') {
                    throw unsupported();
                }
                return group;
            }
            throw unsupported();
        }

        private Node digitClass() {
            int set = 0;
            while (at < regex.length() && regex.charAt(at) != ']') {
                int from = digit(at++);
                int to = from;
                if (at + 1 < regex.length() && regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
                    to = digit(at + 1);
                    at += 2;
                }
                if (to < from) {
                    throw unsupported();
                }
                set |= (1 << to + 1) - (1 << from);
            }
            if (at++ == regex.length() || set == 0) {
                throw unsupported();
            }
            return new Digits(set);
        }

        private int digit(int index) {
            char c = regex.charAt(index);
            if (c < '0' || c > '9') {
                throw unsupported();
            }
            return c - '0';
        }

        /** The node with the quantifier that follows it; a second quantifier (lazy, possessive) is not read. */
        private Node repeated(Node node) {
            if (at < regex.length() && regex.charAt(at) == '?') {
                at++;
                return new Repeat(node, 0, 1);
            }
            if (at < regex.length() && regex.charAt(at) == '{') {
                int close = regex.indexOf('}', at);
                if (close < 0) {
                    throw unsupported();
                }
                String[] bounds = regex.substring(at + 1, close).split(",", -1);
                at = close + 1;
                int min = count(bounds[0]);
                int max = bounds.length == 1 ? min : bounds.length == 2 ? count(bounds[1]) : -1;
                if (max < min) {
                    throw unsupported();
                }
                return new Repeat(node, min, max);
            }
            return node;
        }

        private static int count(String digits) {
            if (digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw unsupported();
            }
            return Integer.parseInt(digits);
        }

        private static IllegalArgumentException unsupported() {
            return new IllegalArgumentException("not a digit pattern");
        }
    }

    /**
     * Builds the automaton: a nondeterministic one with a state per position in the tree (repeats
     * spelled out), then the deterministic one by the subset construction.
     */
    static final class Automaton {

        /** Per state: pairs of (digit set, target). */
        private final List<int[]> edges = new ArrayList<>();
        /** Per state: the states reached without reading a digit. */
        private final List<int[]> skips = new ArrayList<>();

        /** The automaton for the tree, null where it would need more than {@value MAX_STATES} states. */
        static DigitPattern of(Node pattern) {
            Automaton nfa = new Automaton();
            int end = nfa.build(pattern, nfa.state());
            Map<BitSet, Integer> ids = new HashMap<>();
            List<BitSet> sets = new ArrayList<>();
            BitSet start = nfa.closure(BitSet.valueOf(new long[] {1}));
            ids.put(start, 0);
            sets.add(start);
            List<Integer> next = new ArrayList<>();
            for (int current = 0; current < sets.size(); current++) {
                BitSet set = sets.get(current);
                for (int digit = 0; digit < 10; digit++) {
                    BitSet reached = nfa.closure(nfa.read(set, digit));
                    if (reached.isEmpty()) {
                        next.add(-1);
                        continue;
                    }
                    Integer id = ids.get(reached);
                    if (id == null) {
                        if (sets.size() == MAX_STATES) {
                            return null;
                        }
                        id = sets.size();
                        ids.put(reached, id);
                        sets.add(reached);
                    }
                    next.add(id);
                }
            }
            boolean[] accepting = new boolean[sets.size()];
            for (int state = 0; state < accepting.length; state++) {
                accepting[state] = sets.get(state).get(end);
            }
            return new DigitPattern(next.stream().mapToInt(Integer::intValue).toArray(), accepting, null);
        }

        private int state() {
            edges.add(new int[0]);
            skips.add(new int[0]);
            return edges.size() - 1;
        }

        private void edge(int from, int digits, int to) {
            int[] old = edges.get(from);
            int[] grown = Arrays.copyOf(old, old.length + 2);
            grown[old.length] = digits;
            grown[old.length + 1] = to;
            edges.set(from, grown);
        }

        private void skip(int from, int to) {
            int[] old = skips.get(from);
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = to;
            skips.set(from, grown);
        }

        /** Adds the node's states after {@code start}; returns the state its matches end in. */
        private int build(Node node, int start) {
            return switch (node) {
                case Digits digits -> {
                    int end = state();
                    edge(start, digits.set(), end);
                    yield end;
                }
                case Sequence sequence -> {
                    int end = start;
                    for (Node item : sequence.items()) {
                        end = build(item, end);
                    }
                    yield end;
                }
                case Choice choice -> {
                    int end = state();
                    for (Node branch : choice.branches()) {
                        int branchStart = state();
                        skip(start, branchStart);
                        skip(build(branch, branchStart), end);
                    }
                    yield end;
                }
                case Repeat repeat -> {
                    int end = start;
                    for (int i = 0; i < repeat.min(); i++) {
                        end = build(repeat.node(), end);
                    }
                    if (repeat.max() == repeat.min()) {
                        yield end;
                    }
                    int optionalEnd = state();
                    for (int i = repeat.min(); i < repeat.max(); i++) {
                        skip(end, optionalEnd);
                        end = build(repeat.node(), end);
                    }
                    skip(end, optionalEnd);
                    yield optionalEnd;
                }
            };
        }

        private BitSet read(BitSet states, int digit) {
            BitSet reached = new BitSet();
            for (int state = states.nextSetBit(0); state >= 0; state = states.nextSetBit(state + 1)) {
                int[] out = edges.get(state);
                for (int i = 0; i < out.length; i += 2) {
                    if ((out[i] >>> digit & 1) != 0) {
                        reached.set(out[i + 1]);
                    }
                }
            }
            return reached;
        }

        private BitSet closure(BitSet states) {
            BitSet closed = (BitSet) states.clone();
            Deque<Integer> pending = new ArrayDeque<>();
            for (int state = states.nextSetBit(0); state >= 0; state = states.nextSetBit(state + 1)) {
                pending.push(state);
            }
            while (!pending.isEmpty()) {
                for (int to : skips.get(pending.pop())) {
                    if (!closed.get(to)) {
                        closed.set(to);
                        pending.push(to);
                    }
                }
            }
            return closed;
        }
    }
}
