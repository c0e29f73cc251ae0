package dev.modelyard.registry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private static final List<String> SERVERS = List.of("a:8001", "b:8001", "c:8001");

    @Test
    void noReplicaCountOrOneAtLeastAsLargeAsTheServersPlacesEverywhere() {
        assertThat(Placement.choose("rm-1", SERVERS, 0)).isEqualTo(SERVERS);
        assertThat(Placement.choose("rm-1", SERVERS, 5)).isEqualTo(SERVERS);
        assertThat(Placement.choose("rm-1", List.of(), 2)).isEmpty();
    }

    @Test
    void choosesTheSameServersEveryTimeAndSpreadsModelsOverThem() {
        Map<String, Integer> models = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            List<String> chosen = Placement.choose("rm-" + i, SERVERS, 2);
            assertThat(chosen).hasSize(2).isEqualTo(Placement.choose("rm-" + i, SERVERS, 2));
            chosen.forEach(server -> models.merge(server, 1, Integer::sum));
        }
        assertThat(models.values()).allSatisfy(count -> assertThat(count).isBetween(320, 480));
    }

    @Test
    void removingAServerMovesOnlyTheModelsThatWereOnIt() {
        List<String> fewer = List.of("a:8001", "b:8001");
        long moved = IntStream.range(0, 600).mapToObj(i -> "rm-" + i)
                .filter(model -> !Placement.choose(model, SERVERS, 1).contains("c:8001"))
                .filter(model -> !Placement.choose(model, SERVERS, 1).equals(Placement.choose(model, fewer, 1)))
                .count();
        assertThat(moved).isZero();
    }
}
