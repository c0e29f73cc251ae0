package dev.modelyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aPortSomeoneListensOnIsTakenAndFreeAgainOnceClosed() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
        }
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void aTakenPortConflictsOnlyWhenOurPidFileDoesNotExplainIt() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("keycloak", 8180);
        ports.put("privacy", 8081);
        ports.put("api-gateway", 8080);
        Set<String> ours = Set.of("privacy");
        Set<Integer> taken = Set.of(8081, 8080);

        var conflicts = Up.portConflicts(ports, ours::contains, port -> !taken.contains(port));

        assertThat(conflicts).singleElement().asString().contains("8080").contains("api-gateway");
    }

    @Test
    void freePortsNeverConflict() {
        assertThat(Up.portConflicts(Map.of("keycloak", 8180), name -> false, port -> true)).isEmpty();
    }
}
