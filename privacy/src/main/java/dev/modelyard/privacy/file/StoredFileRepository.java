package dev.modelyard.privacy.file;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class StoredFileRepository implements PanacheRepositoryBase<StoredFile, String> {
}
