package dev.modelyard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.router.resolve.ServingResolution;
import dev.modelyard.router.resolve.ServingResolution.TrafficShare;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficSplitTest {

    private static final ServingResolution PRODUCTION = version("2");
    private static final ServingResolution CANDIDATE = version("3");
    private static final ServingResolution SPLIT = new ServingResolution("churn", "2", "rm-1", "2", List.of(),
            List.of(), List.of(), List.of(new TrafficShare("production", 90, PRODUCTION),
            new TrafficShare("candidate", 10, CANDIDATE)));

    @Test
    void withoutASplitTheResolutionIsServedAsItIs() {
        assertThat(TrafficSplit.pick(PRODUCTION, "key", new Random(1))).isSameAs(PRODUCTION);
    }

    @Test
    void picksByWeight() {
        Random random = new Random(42);
        Map<String, Long> versions = IntStream.range(0, 10_000)
                .mapToObj(i -> TrafficSplit.pick(SPLIT, null, random).version())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(versions.get("3")).isBetween(850L, 1150L);
        assertThat(versions.get("2")).isEqualTo(10_000 - versions.get("3"));
    }

    @Test
    void theSameStickyKeyAlwaysLandsOnTheSameVersionAndKeysSpreadByWeight() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            String key = "req-" + i;
            String first = TrafficSplit.pick(SPLIT, key, random).version();
            for (int again = 0; again < 5; again++) {
                assertThat(TrafficSplit.pick(SPLIT, key, random).version()).isEqualTo(first);
            }
        }
        long candidates = IntStream.range(0, 10_000)
                .filter(i -> TrafficSplit.pick(SPLIT, "user-" + i, random) == CANDIDATE).count();
        assertThat(candidates).isBetween(850L, 1150L);
    }

    @Test
    void aZeroWeightAliasGetsNothing() {
        ServingResolution drained = new ServingResolution("churn", "2", "rm-1", "2", List.of(), List.of(), List.of(),
                List.of(new TrafficShare("production", 100, PRODUCTION), new TrafficShare("candidate", 0, CANDIDATE)));
        Random random = new Random(3);
        assertThat(IntStream.range(0, 1000).mapToObj(i -> TrafficSplit.pick(drained, null, random)))
                .containsOnly(PRODUCTION);
    }

    private static ServingResolution version(String version) {
        return new ServingResolution("churn", version, "rm-1", version, List.of(), List.of(), List.of(), List.of());
    }
}
