package dev.modelyard.registry.alias;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

@ApplicationScoped
public class ModelAliasRepository implements PanacheRepositoryBase<ModelAlias, String> {

    public Optional<ModelAlias> find(String modelId, String alias) {
        return find("modelId = ?1 and alias = ?2", modelId, alias).firstResultOptional();
    }

    /** The model's aliases by name. */
    public List<ModelAlias> listOf(String modelId) {
        return list("modelId = ?1 order by alias", modelId);
    }

    public List<String> namesOf(String modelId) {
        return listOf(modelId).stream().map(a -> a.alias).toList();
    }

    /** Alias names by the version they point at, each list in name order. */
    public Map<Integer, List<String>> namesByVersion(String modelId) {
        return listOf(modelId).stream().collect(Collectors.groupingBy(a -> a.version, TreeMap::new,
                Collectors.mapping(a -> a.alias, Collectors.toList())));
    }

    public boolean pointsAt(String modelId, int version) {
        return count("modelId = ?1 and version = ?2", modelId, version) > 0;
    }
}
