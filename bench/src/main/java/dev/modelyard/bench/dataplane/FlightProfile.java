package dev.modelyard.bench.dataplane;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What one JVM spent its time on during a recording: CPU samples by method (where the time is spent), by
 * package (which layer spends it) and by Modelyard method including what it calls; waits longer than the
 * recording's thresholds (parks, monitors, socket reads) by where our code waited; and
 * sampled allocation by the Modelyard method that allocated.
 */
public final class FlightProfile {

    private static final String OUR_CODE = "dev.modelyard.";
    private static final Set<String> WAITS = Set.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
            "jdk.SocketRead");

    private final Tally selfSamples = new Tally();
    private final Tally packageSamples = new Tally();
    private final Tally ourInclusiveSamples = new Tally();
    private final Tally waitNanos = new Tally();
    private final Tally waitCounts = new Tally();
    private final Tally allocatedBytes = new Tally();
    private long samples;

    private FlightProfile() {
    }

    public static FlightProfile read(Path recording) throws IOException {
        FlightProfile profile = new FlightProfile();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                profile.add(file.readEvent());
            }
        }
        return profile;
    }

    private void add(RecordedEvent event) {
        String type = event.getEventType().getName();
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        List<RecordedFrame> frames = stack.getFrames();
        if (type.equals("jdk.ExecutionSample")) {
            samples++;
            selfSamples.add(method(frames.getFirst()), 1);
            packageSamples.add(layer(frames.getFirst()), 1);
            Set<String> ours = new HashSet<>();
            frames.stream().filter(FlightProfile::isOurs).filter(frame -> !isGenerated(frame))
                    .forEach(frame -> ours.add(method(frame)));
            ours.forEach(method -> ourInclusiveSamples.add(method, 1));
        } else if (WAITS.contains(type)) {
            // Idle pool threads park too; a wait counts only when our code is on the stack (a request or our own task).
            frames.stream().filter(FlightProfile::isOurs).findFirst().ifPresent(ours -> {
                String site = type.substring("jdk.".length()) + " in " + method(ours) + " ← " + method(frames.getFirst());
                waitNanos.add(site, event.getDuration().toNanos());
                waitCounts.add(site, 1);
            });
        } else if (type.equals("jdk.ObjectAllocationSample")) {
            // The allocating method, and who asked for it: our code if on the stack, else the first caller outside the JDK.
            RecordedFrame caller = frames.stream().filter(FlightProfile::isOurs).findFirst()
                    .or(() -> frames.stream().skip(1).filter(frame -> !isJdk(frame)).findFirst())
                    .orElse(frames.getFirst());
            String site = caller == frames.getFirst() ? method(caller) : method(frames.getFirst()) + " ← " + method(caller);
            allocatedBytes.add(site, event.getLong("weight"));
        }
    }

    public void print(PrintStream out, String title, int top) {
        out.printf(Locale.ROOT, "-- %s: %,d CPU samples%n", title, samples);
        out.println("   hottest methods (self time, % of CPU samples):");
        selfSamples.top(top).forEach(entry -> out.printf(Locale.ROOT, "     %5.1f %%  %s%n",
                100.0 * entry.getValue() / samples, entry.getKey()));
        out.println("   by package of the running method:");
        packageSamples.top(top).forEach(entry -> out.printf(Locale.ROOT, "     %5.1f %%  %s%n",
                100.0 * entry.getValue() / samples, entry.getKey()));
        out.println("   Modelyard methods including what they call:");
        ourInclusiveSamples.top(top).forEach(entry -> out.printf(Locale.ROOT, "     %5.1f %%  %s%n",
                100.0 * entry.getValue() / samples, entry.getKey()));
        long waited = waitNanos.total();
        out.printf(Locale.ROOT, "   waits over the thresholds with Modelyard code on the stack: %,d, %.0f ms in all%n",
                waitCounts.total(), waited / 1e6);
        waitNanos.top(top).forEach(entry -> out.printf(Locale.ROOT, "     %5.1f %%  %,7d × %8.3f ms avg  %s%n",
                100.0 * entry.getValue() / waited, waitCounts.get(entry.getKey()),
                entry.getValue() / 1e6 / waitCounts.get(entry.getKey()), entry.getKey()));
        long allocated = allocatedBytes.total();
        // JFR's sample weights estimate where bytes go, not how many: ThreadMXBean's figures are the exact totals.
        out.println("   allocation, share of JFR's samples by allocating method ← Modelyard caller, else first caller"
                + " outside the JDK:");
        allocatedBytes.top(top).forEach(entry -> out.printf(Locale.ROOT, "     %5.1f %%  %s%n",
                100.0 * entry.getValue() / allocated, entry.getKey()));
    }

    /** Classes Quarkus and the JVM generate around ours (proxies, subclasses, lambdas), which repeat their method. */
    private static boolean isGenerated(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.contains("$$") || type.contains("_Subclass") || type.contains("_ClientProxy")
                || type.contains("$quarkusrestinvoker$");
    }

    private static boolean isJdk(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
    }

    private static boolean isOurs(RecordedFrame frame) {
        return frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith(OUR_CODE);
    }

    private static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName()
                + " (" + type.substring(0, Math.max(0, type.lastIndexOf('.'))) + ")";
    }

    /** The first two segments of the package (three for our own, which names the service). */
    private static String layer(RecordedFrame frame) {
        String[] parts = frame.getMethod().getType().getName().split("\\.");
        int depth = frame.getMethod().getType().getName().startsWith(OUR_CODE) ? 3 : 2;
        return String.join(".", Arrays.copyOfRange(parts, 0, Math.min(depth, parts.length - 1)));
    }

    /** Sums by key. */
    private static final class Tally {
        private final Map<String, Long> sums = new HashMap<>();

        void add(String key, long amount) {
            sums.merge(key, amount, Long::sum);
        }

        long get(String key) {
            return sums.getOrDefault(key, 0L);
        }

        long total() {
            return sums.values().stream().mapToLong(Long::longValue).sum();
        }

        List<Map.Entry<String, Long>> top(int count) {
            return sums.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(count).toList();
        }
    }
}
