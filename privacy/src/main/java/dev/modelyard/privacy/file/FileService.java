package dev.modelyard.privacy.file;

import dev.modelyard.common.blob.BlobStore;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.io.SizeLimitedInputStream;
import dev.modelyard.common.page.KeysetPages;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.privacy.PrivacyConfig;
import dev.modelyard.privacy.detect.DetectionConfig;
import dev.modelyard.privacy.detect.DetectionEngine;
import dev.modelyard.privacy.detect.DetectionSettings;
import dev.modelyard.privacy.io.ContentErrors;
import dev.modelyard.privacy.io.MultipartReader;
import dev.modelyard.privacy.kanon.AnonymizationReport;
import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.Pseudonymizer;
import dev.modelyard.privacy.policy.AnonymizationPolicy;
import dev.modelyard.privacy.policy.PolicyReference;
import dev.modelyard.privacy.policy.PolicyService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Files of the caller's tenant. An upload is read part by part from the request as it arrives; the file is
 * validated and anonymized while its bytes stream in, and only anonymized bytes reach the blob store, so raw
 * content is never written anywhere. A file row is written only once the whole request proved valid; a blob
 * no file references any more, after a refused upload or a delete, is removed.
 */
@ApplicationScoped
public class FileService {

    private static final Logger LOG = Logger.getLogger(FileService.class);

    static final String FINE_TUNE = "fine-tune";
    static final String PURPOSE_FIELD = "purpose";
    /** The anonymization policy, {@code policy-…} or {@code policy-…@version}; the platform default when absent. */
    static final String POLICY_FIELD = "policy";
    /** A purpose is one short word; a longer field is refused before it is held in memory. */
    private static final int MAX_PURPOSE_BYTES = 256;
    private static final int MAX_POLICY_BYTES = 256;

    private final StoredFileRepository files;
    private final BlobStore blobs;
    private final PrivacyConfig config;
    private final TenantContext tenantContext;
    private final PiiRedactor redactor;
    private final PolicyService policies;

    public FileService(StoredFileRepository files, BlobStore blobs, PrivacyConfig config, DetectionConfig detection,
                       TenantContext tenantContext, PolicyService policies) {
        this.files = files;
        this.policies = policies;
        this.blobs = blobs;
        this.config = config;
        this.tenantContext = tenantContext;
        this.redactor = new PiiRedactor(new DetectionEngine(DetectionSettings.of(detection)));
    }

    /**
     * Reads a {@code file} part, a {@code purpose} field and an optional {@code policy} field. A purpose may come
     * in either order: first, it is checked before the file is read; after, once the file's blob is stored. The
     * policy decides how the file is anonymized as it streams, so it must come before the file.
     */
    public FileView upload(MultipartReader form) {
        String purpose = null;
        AnonymizationPolicy policy = null;
        StagedFile staged = null;
        boolean kept = false;
        try {
            for (MultipartReader.Part part = form.next(); part != null; part = form.next()) {
                if (PURPOSE_FIELD.equals(part.name())) {
                    purpose = checkPurpose(part.text(MAX_PURPOSE_BYTES));
                } else if (POLICY_FIELD.equals(part.name())) {
                    if (staged != null) {
                        throw PlatformException.badRequest("The policy came after the file, which it must anonymize",
                                FieldError.field(POLICY_FIELD, "must come before the file part"));
                    }
                    policy = policies.resolve(part.text(MAX_POLICY_BYTES), POLICY_FIELD);
                } else if (ContentErrors.FIELD.equals(part.name())) {
                    if (staged != null) {
                        throw PlatformException.badRequest("The request has more than one file",
                                FieldError.field(ContentErrors.FIELD, "must be given once"));
                    }
                    staged = stage(part, policy == null
                            ? AnonymizationPolicy.platformDefault(config.identifierColumns()) : policy);
                }
            }
            if (staged == null) {
                throw PlatformException.badRequest("The request has no file",
                        FieldError.field(ContentErrors.FIELD, "is required"));
            }
            StagedFile file = staged;
            String checkedPurpose = checkPurpose(purpose);
            FileView view = QuarkusTransaction.requiringNew().call(() -> FileView.of(persist(file, checkedPurpose)));
            kept = true;
            return view;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload", e);
        } finally {
            if (staged != null && !kept) {
                reclaimIfUnused(staged.blob().sha256());
            }
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
     * Makes a new file of the tenant from one of its files: {@code derivation} reads the source's content and
     * writes the new content, which streams into the blob store. Its content was anonymized on upload and only
     * loses detail here, so it is not scanned for PII again and its report counts nothing.
     */
    public FileView derive(String sourceId, Derivation derivation) {
        StoredFile source = QuarkusTransaction.requiringNew().call(() -> require(sourceId));
        Written<Derived> written;
        try (InputStream content = blobs.open(source.sha256)
                .orElseThrow(() -> new IllegalStateException("The blob of file " + sourceId + " is missing"))) {
            written = writeBlob(out -> {
                Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                Derived derived = derivation.derive(source, content, text);
                text.flush();
                return derived;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot derive a file from " + sourceId, e);
        }
        Derived derived = written.facts();
        StagedFile staged = new StagedFile(derived.filename(), source.format,
                new Anonymized(derived.rows(), derived.columns(), new PiiReport(0, Map.of(), Map.of(), 0)),
                written.blob(), new PolicyReference(source.policyId, source.policyVersion));
        boolean kept = false;
        try {
            FileView view = QuarkusTransaction.requiringNew().call(() -> {
                StoredFile file = persist(staged, FINE_TUNE);
                file.anonymization = derived.anonymization();
                return FileView.of(file);
            });
            kept = true;
            return view;
        } finally {
            if (!kept) {
                reclaimIfUnused(staged.blob().sha256());
            }
        }
    }

    /** Deletes the file, and its blob once the row is gone unless another file (of any tenant) has that content. */
    public void delete(String id) {
        String sha256 = QuarkusTransaction.requiringNew().call(() -> {
            StoredFile file = require(id);
            files.delete(file);
            return file.sha256;
        });
        reclaimIfUnused(sha256);
    }

    private static String checkPurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw PlatformException.badRequest("The request has no purpose",
                    FieldError.field(PURPOSE_FIELD, "is required"));
        }
        if (!FINE_TUNE.equals(purpose)) {
            throw PlatformException.badRequest("Unsupported purpose '" + purpose + "'",
                    FieldError.field(PURPOSE_FIELD, "must be " + FINE_TUNE));
        }
        return purpose;
    }

    /** Anonymizes the file part into the blob store as it streams in; a refused file leaves no blob behind. */
    private StagedFile stage(MultipartReader.Part part, AnonymizationPolicy policy) throws IOException {
        FileFormat format = FileFormat.of(part.filename(), part.contentType())
                .orElseThrow(() -> PlatformException.badRequest("Only CSV and JSONL files are accepted",
                        FieldError.field(ContentErrors.FIELD, "must be a .csv or .jsonl file")));
        Pseudonymizer pseudonymizer = Pseudonymizer.forTenant(config.pseudonymSecret(), tenantContext.tenant());
        Anonymizer anonymizer = Anonymizer.of(format, redactor, pseudonymizer, policy);
        long limit = config.maxUploadSize().asLongValue();
        Written<Anonymized> written = writeBlob(out -> anonymizer.anonymize(
                new SizeLimitedInputStream(part.body(), limit, () -> tooLarge(limit)), out));
        return new StagedFile(part.filename(), format, written.facts(), written.blob(), PolicyReference.of(policy));
    }

    /** Stores what {@code content} writes as a blob; a write that fails leaves no blob behind. */
    private <T> Written<T> writeBlob(ContentWriter<T> content) throws IOException {
        try (BlobStore.BlobWriter blob = blobs.writer()) {
            T facts = content.write(blob);
            return new Written<>(facts, blob.finish());
        }
    }

    private StoredFile persist(StagedFile staged, String purpose) {
        String sha256 = staged.blob().sha256();
        files.lockBlob(sha256);
        if (!blobs.exists(sha256)) {
            // The last other file with this content was deleted while this one streamed in, and took the blob.
            throw PlatformException.conflict("The file's content was removed while it was stored; upload it again");
        }
        StoredFile file = new StoredFile();
        file.id = Ids.next("file");
        file.filename = staged.filename() == null || staged.filename().isBlank()
                ? "upload." + staged.format().extension() : staged.filename();
        file.purpose = purpose;
        file.format = staged.format();
        file.bytes = staged.blob().size();
        file.rows = staged.facts().rows();
        file.columns = staged.facts().columns();
        file.sha256 = sha256;
        file.piiReport = staged.facts().piiReport();
        file.policyId = staged.policy().id();
        file.policyVersion = staged.policy().version();
        file.createdAt = DatabaseTime.now();
        files.persist(file);
        return file;
    }

    /**
     * Deletes the blob unless a file of any tenant still has that content. Logs rather than throws: a blob
     * left behind only costs space, and failing here would misreport what happened to the request itself.
     */
    private void reclaimIfUnused(String sha256) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                files.lockBlob(sha256);
                if (!files.blobInUse(sha256)) {
                    blobs.delete(sha256);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Cannot reclaim blob %s; it stays in the store unreferenced", sha256);
        }
    }

    private StoredFile require(String id) {
        return files.findByIdOptional(id).orElseThrow(() -> PlatformException.notFound("File", id));
    }

    /** Writes a file's content and tells what it wrote. */
    @FunctionalInterface
    private interface ContentWriter<T> {
        /** Writes the content to {@code out}, flushing what it buffers. */
        T write(OutputStream out) throws IOException;
    }

    private record Written<T>(T facts, BlobStore.StoredBlob blob) {
    }

    /** Reads a file's content and writes what a new file derived from it holds. */
    @FunctionalInterface
    public interface Derivation {
        Derived derive(StoredFile source, InputStream content, Writer out) throws IOException;
    }

    /** What a derivation made: the new file's name, rows and columns, and the report it keeps. */
    public record Derived(String filename, long rows, List<String> columns, AnonymizationReport anonymization) {
    }

    /**
     * A file whose anonymized content is stored, waiting for the rest of the request to be checked; {@code policy}
     * anonymized it (for a derived file, its source).
     */
    private record StagedFile(String filename, FileFormat format, Anonymized facts, BlobStore.StoredBlob blob,
                              PolicyReference policy) {
    }

    private static PlatformException tooLarge(long limit) {
        return new PlatformException(413, "payload-too-large", "Payload too large",
                "The file has more than " + limit + " bytes, the limit",
                List.of(FieldError.field(ContentErrors.FIELD, "must be at most " + limit + " bytes")),
                Map.of());
    }
}
