package dev.modelyard.registry.traffic;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class TrafficSplitRepository implements PanacheRepositoryBase<TrafficSplit, String> {

    public Optional<TrafficSplit> of(String modelId) {
        return findByIdOptional(modelId);
    }
}
