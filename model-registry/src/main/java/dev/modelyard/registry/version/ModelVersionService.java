package dev.modelyard.registry.version;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.blob.BlobStore;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.registry.alias.ModelAliasRepository;
import dev.modelyard.registry.artifact.Artifact;
import dev.modelyard.registry.artifact.ArtifactRepository;
import dev.modelyard.registry.model.ModelRequests;
import dev.modelyard.registry.model.RegisteredModel;
import dev.modelyard.registry.model.RegisteredModelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Versions of the tenant's models: registered once, never changed apart from their tags. */
@ApplicationScoped
public class ModelVersionService {

    private final RegisteredModelRepository models;
    private final ModelVersionRepository versions;
    private final ArtifactRepository artifacts;
    private final ModelAliasRepository aliases;
    private final BlobStore blobs;
    private final TenantContext tenantContext;

    public ModelVersionService(RegisteredModelRepository models, ModelVersionRepository versions,
                               ArtifactRepository artifacts, ModelAliasRepository aliases, BlobStore blobs,
                               TenantContext tenantContext) {
        this.models = models;
        this.versions = versions;
        this.artifacts = artifacts;
        this.aliases = aliases;
        this.blobs = blobs;
        this.tenantContext = tenantContext;
    }

    @Transactional
    public VersionView create(String modelName, VersionRequests.Create request) {
        Artifact artifact = Optional.ofNullable(request.artifactSha256()).flatMap(artifacts::findByIdOptional)
                .orElseThrow(() -> PlatformException.badRequest("Unknown artifact", FieldError.field("artifact_sha256",
                        "no artifact with this digest was uploaded by your tenant (POST /v1/artifacts)")));
        Caller caller = tenantContext.caller();
        if (request.createModel()) {
            if (!modelName.matches(ModelRequests.NAME_PATTERN)) {
                throw PlatformException.badRequest("Invalid model name",
                        FieldError.field("name", "must match " + ModelRequests.NAME_PATTERN));
            }
            models.createIfAbsent(tenantContext.tenant(), modelName);
        }
        RegisteredModel model = models.requireLocked(modelName);

        ModelVersion version = new ModelVersion();
        version.id = Ids.next("mv");
        version.modelId = model.id;
        version.version = versions.nextNumber(model.id);
        version.artifactSha256 = artifact.sha256;
        version.artifactSize = artifact.size;
        version.format = request.format();
        version.description = request.description();
        version.signature = request.signature();
        version.metrics = request.metrics() == null ? new HashMap<>() : new HashMap<>(request.metrics());
        version.lineage = request.lineage() == null ? Lineage.UNKNOWN : request.lineage();
        version.tags = request.tags() == null ? new HashMap<>() : new HashMap<>(request.tags());
        version.createdAt = DatabaseTime.now();
        version.createdBy = caller.subject();
        versions.persist(version);
        return VersionView.of(version, model.name, List.of());
    }

    @Transactional
    public ListPage<VersionView> list(String modelName, PageRequest page) {
        RegisteredModel model = models.require(modelName);
        Map<Integer, List<String>> aliasesByVersion = aliases.namesByVersion(model.id);
        return ListPage.of(versions.page(model.id, page), page.limit(),
                v -> VersionView.of(v, model.name, aliasesByVersion.getOrDefault(v.version, List.of())), v -> v.id);
    }

    @Transactional
    public VersionView get(String modelName, int number) {
        RegisteredModel model = models.require(modelName);
        return view(model, versions.require(model, number));
    }

    /** The version's ONNX bytes, streamed from the blob store. */
    @Transactional
    public ArtifactContent artifact(String modelName, int number) {
        ModelVersion version = versions.require(models.require(modelName), number);
        InputStream bytes = blobs.open(version.artifactSha256).orElseThrow(() -> new IllegalStateException(
                "Blob " + version.artifactSha256 + " of version " + version.id + " is missing from the blob store"));
        return new ArtifactContent(bytes, version.artifactSize);
    }

    @Transactional
    public VersionView setTag(String modelName, int number, String key, String value) {
        RegisteredModel model = models.require(modelName);
        ModelVersion version = versions.require(model, number);
        if (!version.tags.containsKey(key) && version.tags.size() >= ModelRequests.MAX_TAGS) {
            throw PlatformException.badRequest("Too many tags",
                    FieldError.field("tags", "a version has at most " + ModelRequests.MAX_TAGS + " tags"));
        }
        version.tags = new HashMap<>(version.tags);
        version.tags.put(key, value);
        return view(model, version);
    }

    @Transactional
    public VersionView deleteTag(String modelName, int number, String key) {
        RegisteredModel model = models.require(modelName);
        ModelVersion version = versions.require(model, number);
        if (!version.tags.containsKey(key)) {
            throw PlatformException.notFound("Tag", key);
        }
        version.tags = new HashMap<>(version.tags);
        version.tags.remove(key);
        return view(model, version);
    }

    private VersionView view(RegisteredModel model, ModelVersion version) {
        return VersionView.of(version, model.name, aliases.namesByVersion(model.id).getOrDefault(version.version, List.of()));
    }

    public record ArtifactContent(InputStream bytes, long size) {
    }
}
