package dev.modelyard.registry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlacementChangeTest {

    private static final List<String> THREE = List.of("10.0.0.1:8001", "10.0.0.2:8001", "10.0.0.3:8001");

    @Test
    void aNewServerLoadsOnlyTheModelsThatMoveToItAndTheyLeaveOneServerEach() {
        List<String> four = List.of("10.0.0.1:8001", "10.0.0.2:8001", "10.0.0.3:8001", "10.0.0.4:8001");
        int moved = 0;
        for (String model : models(200)) {
            List<String> before = Placement.choose(model, THREE, 2);
            PlacementChange change = PlacementChange.of(model, four, 2, before, Set.of());
            PlacementChange.Outcome outcome = change.settle(Set.of());
            assertThat(outcome.placement()).isEqualTo(change.placement());
            if (change.isNone(before)) {
                assertThat(change.load()).isEmpty();
                assertThat(outcome.unload()).isEmpty();
                continue;
            }
            moved++;
            // Rendezvous hashing: a model moves only onto the new server, and off exactly one old one.
            assertThat(change.load()).containsExactly("10.0.0.4:8001");
            assertThat(outcome.unload()).hasSize(1).doesNotContain("10.0.0.4:8001");
            assertThat(before).contains(outcome.unload().getFirst());
        }
        // Each model holds 2 of 4 servers, so about half of them have the new one among theirs.
        assertThat(moved).isBetween(70, 130);
    }

    @Test
    void aLostServerIsReplacedByTheNextBestAndIsNotToldAnything() {
        for (String model : models(50)) {
            List<String> before = Placement.choose(model, THREE, 2);
            List<String> survivors = THREE.stream().filter(s -> !s.equals("10.0.0.2:8001")).toList();
            PlacementChange change = PlacementChange.of(model, survivors, 2, before, Set.of());
            PlacementChange.Outcome outcome = change.settle(Set.of());

            assertThat(outcome.placement()).containsExactlyElementsOf(survivors);
            assertThat(change.load()).containsExactlyElementsOf(survivors.stream().filter(s -> !before.contains(s)).toList());
            assertThat(outcome.unload()).isEmpty();
        }
    }

    @Test
    void aServerThatCameBackEmptyLoadsWhatIsPlacedOnIt() {
        PlacementChange change = PlacementChange.of("rm-1", THREE, 0, THREE, Set.of("10.0.0.3:8001"));

        assertThat(change.load()).containsExactly("10.0.0.3:8001");
        assertThat(change.isNone(THREE)).isFalse();
        assertThat(change.settle(Set.of())).isEqualTo(new PlacementChange.Outcome(THREE, List.of()));
    }

    @Test
    void nothingChangesWhenTheServersHoldWhatTheyShould() {
        PlacementChange change = PlacementChange.of("rm-1", THREE, 0, List.of("10.0.0.3:8001", "10.0.0.1:8001",
                "10.0.0.2:8001"), Set.of());

        assertThat(change.load()).isEmpty();
        assertThat(change.isNone(THREE)).isTrue();
    }

    @Test
    void aFailedLoadKeepsTheFormerServersAndIsNotUnloaded() {
        String model = models(200).stream()
                .filter(m -> !Placement.choose(m, List.of("a:1", "b:1", "c:1"), 1).equals(Placement.choose(m, List.of("a:1", "b:1"), 1)))
                .findFirst().orElseThrow();
        List<String> before = Placement.choose(model, List.of("a:1", "b:1"), 1);
        PlacementChange change = PlacementChange.of(model, List.of("a:1", "b:1", "c:1"), 1, before, Set.of());
        assertThat(change.load()).containsExactly("c:1");

        PlacementChange.Outcome failed = change.settle(Set.of("c:1"));
        assertThat(failed.placement()).isEqualTo(before);
        assertThat(failed.unload()).isEmpty();

        PlacementChange.Outcome loaded = change.settle(Set.of());
        assertThat(loaded.placement()).containsExactly("c:1");
        assertThat(loaded.unload()).isEqualTo(before);
    }

    @Test
    void oneFailedServerOfSeveralLeavesTheOthersServing() {
        PlacementChange change = PlacementChange.of("rm-1", THREE, 0, List.of(), Set.of());
        assertThat(change.load()).isEqualTo(THREE);

        PlacementChange.Outcome outcome = change.settle(Set.of("10.0.0.2:8001"));

        assertThat(outcome.placement()).containsExactly("10.0.0.1:8001", "10.0.0.3:8001");
        assertThat(outcome.unload()).isEmpty();
    }

    @Test
    void noServersLeftMeansNoPlacement() {
        PlacementChange change = PlacementChange.of("rm-1", List.of(), 0, THREE, Set.of());

        assertThat(change.isNone(THREE)).isFalse();
        assertThat(change.settle(Set.of())).isEqualTo(new PlacementChange.Outcome(List.of(), List.of()));
    }

    private static List<String> models(int count) {
        return IntStream.range(0, count).mapToObj(i -> "rm-" + i).toList();
    }
}
