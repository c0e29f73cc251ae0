package dev.modelyard.registry.discovery;

import java.util.List;
import java.util.function.Consumer;

/** The model servers listed in {@code modelyard.registry.model-servers}, in that order; they never change. */
public final class ConfiguredModelServerDiscovery implements ModelServerDiscovery {

    private final List<String> targets;

    public ConfiguredModelServerDiscovery(List<String> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public List<String> targets() {
        return targets;
    }

    @Override
    public boolean followsChanges() {
        return false;
    }

    @Override
    public void onChange(Consumer<List<String>> listener) {
        // A fixed list never changes.
    }
}
