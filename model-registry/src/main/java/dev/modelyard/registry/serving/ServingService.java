package dev.modelyard.registry.serving;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.registry.alias.ModelAlias;
import dev.modelyard.registry.alias.ModelAliasRepository;
import dev.modelyard.registry.deploy.PlacementRepository;
import dev.modelyard.registry.model.RegisteredModel;
import dev.modelyard.registry.model.RegisteredModelRepository;
import dev.modelyard.registry.version.ModelVersion;
import dev.modelyard.registry.traffic.TrafficSplit;
import dev.modelyard.registry.traffic.TrafficSplitRepository;
import dev.modelyard.registry.version.ModelVersionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Resolves model references for the routers; only versions some alias points at are published. */
@ApplicationScoped
public class ServingService {

    private final RegisteredModelRepository models;
    private final ModelVersionRepository versions;
    private final ModelAliasRepository aliases;
    private final PlacementRepository placements;
    private final TrafficSplitRepository splits;

    public ServingService(RegisteredModelRepository models, ModelVersionRepository versions,
                          ModelAliasRepository aliases, PlacementRepository placements, TrafficSplitRepository splits) {
        this.models = models;
        this.versions = versions;
        this.aliases = aliases;
        this.placements = placements;
        this.splits = splits;
    }

    /**
     * {@code name} may carry the reference itself ({@code churn@staging}); otherwise {@code ref} or production.
     * The default reference of a model whose traffic is split answers with the split's versions in
     * {@code traffic}, and as itself the production alias's version (or the heaviest share's without one).
     */
    @Transactional
    public ServingView resolve(String name, String ref) {
        ModelReference reference = ModelReference.of(name, ref);
        RegisteredModel model = models.require(reference.model());
        if (reference.isDefault()) {
            Optional<TrafficSplit> split = splits.of(model.id);
            if (split.isPresent()) {
                return split(model, split.get());
            }
        }
        ModelVersion version;
        if (reference.isVersionNumber()) {
            version = versions.require(model, Integer.parseInt(reference.ref()));
            if (!aliases.pointsAt(model.id, version.version)) {
                throw new PlatformException(409, "not-deployed", "Not deployed", "Version " + version.version
                        + " of '" + model.name + "' is not deployed: no alias points at it");
            }
        } else {
            version = aliased(model, reference.ref());
        }
        return view(model, version);
    }

    private ServingView split(RegisteredModel model, TrafficSplit split) {
        List<ServingView.TrafficShare> shares = split.weights.entrySet().stream()
                .filter(weight -> weight.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(weight -> new ServingView.TrafficShare(weight.getKey(), weight.getValue(),
                        view(model, aliased(model, weight.getKey()))))
                .toList();
        ServingView primary = shares.stream().filter(share -> share.alias().equals(ModelReference.DEFAULT_ALIAS))
                .findFirst()
                .or(() -> shares.stream().max(Comparator.comparingInt(ServingView.TrafficShare::weight)))
                .orElseThrow().serving();
        return primary.withTraffic(shares);
    }

    private ModelVersion aliased(RegisteredModel model, String aliasName) {
        ModelAlias alias = aliases.find(model.id, aliasName)
                .orElseThrow(() -> PlatformException.notFound("Alias", model.name + "@" + aliasName));
        return versions.require(model, alias.version);
    }

    private ServingView view(RegisteredModel model, ModelVersion version) {
        return new ServingView(model.name, version.version, model.id, Integer.toString(version.version),
                version.signature.inputs(), version.signature.outputs(), version.signature.classLabels(),
                placements.backends(model.id, version.version), null);
    }
}
