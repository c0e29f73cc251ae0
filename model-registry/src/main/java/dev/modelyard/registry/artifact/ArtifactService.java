package dev.modelyard.registry.artifact;

import dev.modelyard.common.blob.BlobStore;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.io.SizeLimitedInputStream;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.registry.RegistryConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.InputStream;

/** Content-addressed uploads: the bytes go to the blob store, the tenant's claim on them to the database. */
@ApplicationScoped
public class ArtifactService {

    private final BlobStore blobs;
    private final ArtifactRepository artifacts;
    private final TenantContext tenantContext;
    private final RegistryConfig config;

    public ArtifactService(BlobStore blobs, ArtifactRepository artifacts, TenantContext tenantContext,
                           RegistryConfig config) {
        this.blobs = blobs;
        this.artifacts = artifacts;
        this.tenantContext = tenantContext;
        this.config = config;
    }

    /** Streams the body into the blob store outside any transaction: an upload may take minutes. */
    public ArtifactView upload(InputStream body) {
        String tenant = tenantContext.tenant();
        long limit = config.maxArtifactSize().asLongValue();
        BlobStore.StoredBlob blob = blobs.put(new SizeLimitedInputStream(body, limit,
                () -> new PlatformException(413, "artifact-too-large", "Artifact too large",
                        "Artifacts may be at most " + limit + " bytes")));
        if (blob.size() == 0) {
            throw PlatformException.badRequest("The artifact is empty");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            artifacts.claim(tenant, blob.sha256(), blob.size(), DatabaseTime.now());
            return ArtifactView.of(require(blob.sha256()));
        });
    }

    @Transactional
    public ArtifactView get(String sha256) {
        return ArtifactView.of(require(sha256));
    }

    private Artifact require(String sha256) {
        return artifacts.findByIdOptional(sha256).orElseThrow(() -> PlatformException.notFound("Artifact", sha256));
    }
}
