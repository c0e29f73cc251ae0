package dev.modelyard.bench.dataplane;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.management.jfr.ConfigurationInfo;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * Reads another JVM of the platform from outside, without any change to it: the JDK's attach API starts its
 * local JMX agent, through which we read the bytes its threads allocated and the CPU time it used (for
 * figures per request), and run Java Flight Recorder recordings (for profiles).
 */
public final class JvmProbe implements AutoCloseable {

    /** JFR's {@code profile} settings, with denser CPU samples and shorter blocking thresholds for a short run. */
    private static final Map<String, String> PROFILE_OVERRIDES = Map.of(
            "jdk.ExecutionSample#period", "1 ms",
            "jdk.ThreadPark#threshold", "100 us",
            "jdk.JavaMonitorEnter#threshold", "100 us",
            "jdk.JavaMonitorWait#threshold", "100 us",
            "jdk.SocketRead#threshold", "100 us");

    private final String name;
    private final JMXConnector connector;
    private final com.sun.management.ThreadMXBean threads;
    private final com.sun.management.OperatingSystemMXBean system;
    private final CompilationMXBean compiler;
    private final FlightRecorderMXBean flightRecorder;
    private long recording = -1;

    private JvmProbe(String name, JMXConnector connector) throws IOException {
        this.name = name;
        this.connector = connector;
        MBeanServerConnection server = connector.getMBeanServerConnection();
        this.threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                com.sun.management.ThreadMXBean.class);
        this.system = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
                com.sun.management.OperatingSystemMXBean.class);
        this.compiler = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.COMPILATION_MXBEAN_NAME,
                CompilationMXBean.class);
        this.flightRecorder = ManagementFactory.newPlatformMXBeanProxy(server, FlightRecorderMXBean.MXBEAN_NAME,
                FlightRecorderMXBean.class);
    }

    /** Attaches to the JVM of {@code process}: the process itself, or the JVM a wrapper such as setsid started. */
    public static JvmProbe attach(String name, ProcessHandle process) throws Exception {
        ProcessHandle jvm = Stream.concat(Stream.of(process), process.descendants())
                .filter(candidate -> candidate.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("No JVM in process " + process.pid()));
        VirtualMachine machine = VirtualMachine.attach(Long.toString(jvm.pid()));
        try {
            JMXServiceURL url = new JMXServiceURL(machine.startLocalManagementAgent());
            return new JvmProbe(name, JMXConnectorFactory.connect(url));
        } finally {
            machine.detach();
        }
    }

    public String name() {
        return name;
    }

    /**
     * Bytes allocated on the heap, CPU time used and time the JIT compilers spent since the JVM started; JIT
     * time during a measurement says the warm-up was too short.
     */
    public record Counters(long allocatedBytes, long cpuNanos, long compilationMillis) {

        public Counters plus(Counters other) {
            return new Counters(allocatedBytes + other.allocatedBytes, cpuNanos + other.cpuNanos,
                    compilationMillis + other.compilationMillis);
        }

        public Counters minus(Counters earlier) {
            return new Counters(allocatedBytes - earlier.allocatedBytes, cpuNanos - earlier.cpuNanos,
                    compilationMillis - earlier.compilationMillis);
        }
    }

    public Counters counters() {
        return new Counters(threads.getTotalThreadAllocatedBytes(), system.getProcessCpuTime(),
                compiler.getTotalCompilationTime());
    }

    public void startRecording() {
        Map<String, String> settings = new HashMap<>(flightRecorder.getConfigurations().stream()
                .filter(configuration -> configuration.getName().equals("profile")).findFirst()
                .map(ConfigurationInfo::getSettings).orElseThrow());
        settings.putAll(PROFILE_OVERRIDES);
        recording = flightRecorder.newRecording();
        flightRecorder.setRecordingSettings(recording, settings);
        flightRecorder.startRecording(recording);
    }

    /** Stops the recording and has the JVM write it to {@code file} (same machine, so we can read it). */
    public void stopRecording(Path file) throws IOException {
        flightRecorder.stopRecording(recording);
        flightRecorder.copyTo(recording, file.toAbsolutePath().toString());
        flightRecorder.closeRecording(recording);
        recording = -1;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
