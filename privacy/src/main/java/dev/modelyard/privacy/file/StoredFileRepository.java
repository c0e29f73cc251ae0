package dev.modelyard.privacy.file;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class StoredFileRepository implements PanacheRepositoryBase<StoredFile, String> {

    /**
     * Whether any file of any tenant has this content. Row-level security hides other tenants' rows, so
     * the database answers through {@code file_blob_in_use}, which says yes or no and nothing more.
     */
    public boolean blobInUse(String sha256) {
        return (Boolean) getEntityManager().createNativeQuery("select {h-schema}file_blob_in_use(:sha256)")
                .setParameter("sha256", sha256)
                .getSingleResult();
    }

    /**
     * Serializes, until the transaction ends, everything that decides whether a blob is still needed: a file
     * row about to reference it, and a reclamation about to delete it.
     */
    public void lockBlob(String sha256) {
        getEntityManager().createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:sha256, 0))")
                .setParameter("sha256", sha256)
                .getSingleResult();
    }
}
