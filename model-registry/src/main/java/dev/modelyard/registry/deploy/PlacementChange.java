package dev.modelyard.registry.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How one deployed model follows a change of the model servers, worked out before any server is told: where
 * {@link Placement} now puts it ({@code placement}), which servers must load it ({@code load}: those newly
 * holding it, and those that came back empty), and, once the loads are done, which servers may let it go
 * ({@link #settle}). Servers that are gone are simply forgotten: there is no one left to tell.
 *
 * @param placement where the model belongs now, in the servers' order
 * @param load      the servers of {@code placement} that do not hold it yet
 * @param holding   the live servers the model was recorded on before the change
 */
public record PlacementChange(List<String> placement, List<String> load, List<String> holding) {

    /**
     * @param servers  the model servers now, in discovery order
     * @param recorded where the model was recorded as placed
     * @param returned servers that disappeared and came back since the last look: they start empty
     */
    public static PlacementChange of(String servingName, List<String> servers, int replicas,
                                     Collection<String> recorded, Set<String> returned) {
        List<String> placement = Placement.choose(servingName, servers, replicas);
        List<String> load = placement.stream()
                .filter(server -> !recorded.contains(server) || returned.contains(server)).toList();
        List<String> holding = servers.stream().filter(recorded::contains).toList();
        return new PlacementChange(placement, load, holding);
    }

    /** Nothing to load, and the placement is what was recorded: the model's servers are all as they were. */
    public boolean isNone(Collection<String> recorded) {
        return load.isEmpty() && Set.copyOf(placement).equals(Set.copyOf(recorded));
    }

    /**
     * Where the model is served once the loads are done and which servers may unload it. A server that failed
     * to load is left out; while any did, the servers that held the model keep it, so the model never serves
     * from fewer servers than before because of a failed load (the next pass tries again).
     */
    public Outcome settle(Set<String> failed) {
        Set<String> served = new HashSet<>(placement);
        served.removeAll(failed);
        if (!failed.isEmpty()) {
            served.addAll(holding);
        }
        List<String> ordered = orderedLike(served);
        List<String> unload = holding.stream().filter(server -> !served.contains(server) && !failed.contains(server))
                .toList();
        return new Outcome(ordered, unload);
    }

    private List<String> orderedLike(Set<String> servers) {
        // Placement first (discovery order), then former holders kept because a load failed.
        List<String> ordered = new ArrayList<>(placement.stream().filter(servers::contains).toList());
        holding.stream().filter(server -> servers.contains(server) && !ordered.contains(server)).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    /**
     * @param placement where the model is served now (to record and to tell the routers)
     * @param unload    servers it moved away from, told after the new placement is loaded
     */
    public record Outcome(List<String> placement, List<String> unload) {
    }
}
