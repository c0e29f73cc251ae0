package dev.modelyard.privacy.file;

import dev.modelyard.common.blob.BlobStore;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.page.KeysetPages;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.privacy.PrivacyConfig;
import dev.modelyard.privacy.io.ContentErrors;
import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.Pseudonymizer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Files of the caller's tenant. An upload is validated and anonymized into a temporary file first;
 * only a file that passed completely reaches the blob store and the database, and the raw upload
 * is deleted whatever happens.
 */
@ApplicationScoped
public class FileService {

    private static final Logger LOG = Logger.getLogger(FileService.class);

    static final String FINE_TUNE = "fine-tune";
    static final String PURPOSE_FIELD = "purpose";

    private final StoredFileRepository files;
    private final BlobStore blobs;
    private final PrivacyConfig config;
    private final TenantContext tenantContext;
    private final PiiRedactor redactor = new PiiRedactor();

    public FileService(StoredFileRepository files, BlobStore blobs, PrivacyConfig config, TenantContext tenantContext) {
        this.files = files;
        this.blobs = blobs;
        this.config = config;
        this.tenantContext = tenantContext;
    }

    public FileView upload(Upload upload) {
        try {
            FileFormat format = check(upload);
            Path anonymized = Files.createTempFile(upload.path().getParent(), "anonymized-", ".part");
            try {
                Anonymized facts = anonymize(upload, format, anonymized);
                BlobStore.StoredBlob blob;
                try (InputStream content = Files.newInputStream(anonymized)) {
                    blob = blobs.put(content);
                }
                return QuarkusTransaction.requiringNew().call(() -> FileView.of(persist(upload, format, facts, blob)));
            } finally {
                Files.deleteIfExists(anonymized);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot process the upload", e);
        } finally {
            deleteRawUpload(upload.path());
        }
    }

    @Transactional
    public ListPage<FileView> list(PageRequest page) {
        return ListPage.of(KeysetPages.newestFirst(files.getEntityManager(), StoredFile.class, page), page.limit(),
                FileView::of, f -> f.id);
    }

    @Transactional
    public FileView get(String id) {
        return FileView.of(require(id));
    }

    @Transactional
    public FileContent content(String id) {
        StoredFile file = require(id);
        InputStream bytes = blobs.open(file.sha256)
                .orElseThrow(() -> new IllegalStateException("The blob of file " + id + " is missing"));
        return new FileContent(bytes, file.format.mediaType());
    }

    /**
     * Deletes the file's row but leaves its blob. Blobs are content-addressed and shared, and two tenants
     * can upload files whose anonymized bytes are identical (one without identifiers or PII, say); row-level
     * security hides the other tenant's rows, so this service cannot know that a blob is unused, and
     * deleting it could destroy another tenant's file. Without its row the blob is unreachable here.
     */
    @Transactional
    public void delete(String id) {
        files.delete(require(id));
    }

    private FileFormat check(Upload upload) throws IOException {
        if (upload.path() == null) {
            throw PlatformException.badRequest("The request has no file",
                    FieldError.field(ContentErrors.FIELD, "is required"));
        }
        if (upload.purpose() == null || upload.purpose().isBlank()) {
            throw PlatformException.badRequest("The request has no purpose",
                    FieldError.field(PURPOSE_FIELD, "is required"));
        }
        if (!FINE_TUNE.equals(upload.purpose())) {
            throw PlatformException.badRequest("Unsupported purpose '" + upload.purpose() + "'",
                    FieldError.field(PURPOSE_FIELD, "must be " + FINE_TUNE));
        }
        long size = Files.size(upload.path());
        long limit = config.maxUploadSize().asLongValue();
        if (size > limit) {
            throw new PlatformException(413, "payload-too-large", "Payload too large",
                    "The file has " + size + " bytes; the limit is " + limit,
                    List.of(FieldError.field(ContentErrors.FIELD, "must be at most " + limit + " bytes")), Map.of());
        }
        if (size == 0) {
            throw ContentErrors.atLine(1, "file is empty");
        }
        return FileFormat.of(upload.filename(), upload.contentType())
                .orElseThrow(() -> PlatformException.badRequest("Only CSV and JSONL files are accepted",
                        FieldError.field(ContentErrors.FIELD, "must be a .csv or .jsonl file")));
    }

    private Anonymized anonymize(Upload upload, FileFormat format, Path target) throws IOException {
        Pseudonymizer pseudonymizer = Pseudonymizer.forTenant(config.pseudonymSecret(), tenantContext.tenant());
        Anonymizer anonymizer = Anonymizer.of(format, redactor, pseudonymizer, config.identifierColumns());
        try (InputStream in = Files.newInputStream(upload.path());
             Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            return anonymizer.anonymize(in, out);
        }
    }

    private StoredFile persist(Upload upload, FileFormat format, Anonymized facts, BlobStore.StoredBlob blob) {
        StoredFile file = new StoredFile();
        file.id = Ids.next("file");
        file.filename = upload.filename() == null || upload.filename().isBlank()
                ? "upload." + format.extension() : upload.filename();
        file.purpose = upload.purpose();
        file.format = format;
        file.bytes = blob.size();
        file.rows = facts.rows();
        file.columns = facts.columns();
        file.sha256 = blob.sha256();
        file.piiReport = facts.piiReport();
        file.createdAt = DatabaseTime.now();
        files.persist(file);
        return file;
    }

    private StoredFile require(String id) {
        return files.findByIdOptional(id).orElseThrow(() -> PlatformException.notFound("File", id));
    }

    /** Logs rather than throws: a failure here must not hide the outcome of the upload itself. */
    private static void deleteRawUpload(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf(e, "Cannot delete the raw upload %s; the HTTP layer removes it when the request ends", path);
        }
    }
}
