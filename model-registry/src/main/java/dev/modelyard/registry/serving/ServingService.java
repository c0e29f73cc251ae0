package dev.modelyard.registry.serving;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.registry.alias.ModelAlias;
import dev.modelyard.registry.alias.ModelAliasRepository;
import dev.modelyard.registry.model.RegisteredModel;
import dev.modelyard.registry.model.RegisteredModelRepository;
import dev.modelyard.registry.version.ModelVersion;
import dev.modelyard.registry.version.ModelVersionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Resolves model references for the routers; only versions some alias points at are published. */
@ApplicationScoped
public class ServingService {

    private final RegisteredModelRepository models;
    private final ModelVersionRepository versions;
    private final ModelAliasRepository aliases;

    public ServingService(RegisteredModelRepository models, ModelVersionRepository versions,
                          ModelAliasRepository aliases) {
        this.models = models;
        this.versions = versions;
        this.aliases = aliases;
    }

    /** {@code name} may carry the reference itself ({@code churn@staging}); otherwise {@code ref} or production. */
    @Transactional
    public ServingView resolve(String name, String ref) {
        ModelReference reference = ModelReference.of(name, ref);
        RegisteredModel model = models.require(reference.model());
        ModelVersion version;
        if (reference.isVersionNumber()) {
            version = versions.require(model, Integer.parseInt(reference.ref()));
            if (!aliases.pointsAt(model.id, version.version)) {
                throw new PlatformException(409, "not-deployed", "Not deployed", "Version " + version.version
                        + " of '" + model.name + "' is not deployed: no alias points at it");
            }
        } else {
            ModelAlias alias = aliases.find(model.id, reference.ref())
                    .orElseThrow(() -> PlatformException.notFound("Alias", model.name + "@" + reference.ref()));
            version = versions.require(model, alias.version);
        }
        return new ServingView(model.name, version.version, model.id, Integer.toString(version.version),
                version.signature.inputs(), version.signature.outputs(), version.signature.classLabels());
    }
}
