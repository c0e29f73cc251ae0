package dev.modelyard.privacy.kanon;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.privacy.file.FileFormat;
import dev.modelyard.privacy.file.FileService;
import dev.modelyard.privacy.file.FileView;
import dev.modelyard.privacy.file.StoredFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * K-anonymizes a CSV file of the caller's tenant into a new file: the request is checked before the file is
 * read, the columns once its header is known.
 */
@ApplicationScoped
public class KAnonymityService {

    static final double DEFAULT_SUPPRESSION_LIMIT = 0.05;
    static final double DEFAULT_RISK_THRESHOLD = 0.2;

    private static final String QUASI_IDENTIFIERS = "quasi_identifiers";
    private static final String SENSITIVE_COLUMN = "sensitive_column";

    private final FileService files;

    public KAnonymityService(FileService files) {
        this.files = files;
    }

    public FileView anonymize(String fileId, AnonymizeRequest request) {
        check(request);
        PrivacyCriteria criteria = new PrivacyCriteria(request.k(), request.l() == null ? 1 : request.l(),
                request.suppressionLimit() == null ? DEFAULT_SUPPRESSION_LIMIT : request.suppressionLimit());
        double riskThreshold = request.riskThreshold() == null ? DEFAULT_RISK_THRESHOLD : request.riskThreshold();
        return files.derive(fileId, (source, content, out) -> anonymize(source, content, out, request, criteria,
                riskThreshold));
    }

    private static FileService.Derived anonymize(StoredFile source, InputStream content, Writer out,
                                                 AnonymizeRequest request, PrivacyCriteria criteria,
                                                 double riskThreshold) throws IOException {
        if (source.format != FileFormat.CSV) {
            throw PlatformException.badRequest("Only a CSV file can be k-anonymized; '" + source.filename
                    + "' is " + source.format.extension(), FieldError.field("id", "must name a CSV file"));
        }
        Table table = Table.readCsv(content);
        List<QuasiIdentifier> quasiIdentifiers = quasiIdentifiers(table, request);
        KAnonymizer anonymizer;
        try {
            anonymizer = new KAnonymizer(table, quasiIdentifiers, request.sensitiveColumn(), criteria);
        } catch (IllegalArgumentException e) {
            // Columns and values are checked already; what is left is a lattice too large to search.
            throw PlatformException.badRequest("The quasi-identifiers cannot be searched: " + e.getMessage(),
                    FieldError.field(QUASI_IDENTIFIERS, e.getMessage()));
        }
        Anonymization result;
        try {
            result = anonymizer.anonymize(riskThreshold);
        } catch (NoAnonymizationFound e) {
            throw noAnonymization(e.bestRisk(), criteria, table.rows().size());
        }
        result.table().writeCsv(out);
        AnonymizationReport report = new AnonymizationReport(criteria.k(), request.l(), result.generalization(),
                result.suppressedRows(), result.riskBefore(), result.riskAfter(), result.informationLoss(), source.id);
        return new FileService.Derived(derivedName(source.filename, criteria.k()), result.table().rows().size(),
                table.header(), report);
    }

    /** Refuses a request that no file could satisfy, naming every field at fault. */
    private static void check(AnonymizeRequest request) {
        if (request == null) {
            throw PlatformException.badRequest("The request has no body",
                    FieldError.field(QUASI_IDENTIFIERS, "is required"));
        }
        List<FieldError> errors = new ArrayList<>();
        List<AnonymizeRequest.QuasiIdentifierSpec> specs = request.quasiIdentifiers();
        Set<String> columns = new HashSet<>();
        if (specs == null || specs.isEmpty()) {
            errors.add(FieldError.field(QUASI_IDENTIFIERS, "must name at least one column"));
        } else {
            for (int i = 0; i < specs.size(); i++) {
                String field = QUASI_IDENTIFIERS + "[" + i + "]";
                AnonymizeRequest.QuasiIdentifierSpec spec = specs.get(i);
                if (spec == null || spec.column() == null || spec.column().isBlank()) {
                    errors.add(FieldError.field(field + ".column", "is required"));
                    continue;
                }
                if (!columns.add(spec.column())) {
                    errors.add(FieldError.field(field + ".column", "names '" + spec.column() + "' a second time"));
                }
                ValueType type = ValueType.of(spec.type()).orElse(null);
                if (type == null) {
                    errors.add(FieldError.field(field + ".type", "must be one of " + ValueType.NAMES));
                } else if (type.takesHierarchy() && (spec.hierarchy() == null || spec.hierarchy().isEmpty())) {
                    errors.add(FieldError.field(field + ".hierarchy", "is required for a " + type.jsonName()));
                } else if (!type.takesHierarchy() && spec.hierarchy() != null) {
                    errors.add(FieldError.field(field + ".hierarchy", "is built from the values for a "
                            + type.jsonName() + "; only a category takes one"));
                }
            }
        }
        if (request.k() == null || request.k() < 2) {
            errors.add(FieldError.field("k", "must be at least 2"));
        }
        if (request.suppressionLimit() != null && !(request.suppressionLimit() >= 0 && request.suppressionLimit() <= 1)) {
            errors.add(FieldError.field("suppression_limit", "must be between 0 and 1"));
        }
        if (request.riskThreshold() != null && !(request.riskThreshold() > 0 && request.riskThreshold() <= 1)) {
            errors.add(FieldError.field("risk_threshold", "must be above 0 and at most 1"));
        }
        if (request.l() != null && request.l() < 2) {
            errors.add(FieldError.field("l", "must be at least 2"));
        }
        if (request.l() != null && request.sensitiveColumn() == null) {
            errors.add(FieldError.field(SENSITIVE_COLUMN, "is required with l"));
        }
        if (request.sensitiveColumn() != null && request.l() == null) {
            errors.add(FieldError.field("l", "is required with sensitive_column"));
        }
        if (request.sensitiveColumn() != null && columns.contains(request.sensitiveColumn())) {
            errors.add(FieldError.field(SENSITIVE_COLUMN, "must not be a quasi-identifier"));
        }
        if (!errors.isEmpty()) {
            throw new PlatformException(400, "invalid-request", "Invalid request",
                    "The anonymization request has invalid fields", errors, Map.of());
        }
    }

    /** The declared quasi-identifiers with their hierarchies, refusing columns and values the file does not fit. */
    private static List<QuasiIdentifier> quasiIdentifiers(Table table, AnonymizeRequest request) {
        if (request.sensitiveColumn() != null && table.column(request.sensitiveColumn()) < 0) {
            throw unknownColumn(SENSITIVE_COLUMN, request.sensitiveColumn());
        }
        List<QuasiIdentifier> quasiIdentifiers = new ArrayList<>();
        for (int i = 0; i < request.quasiIdentifiers().size(); i++) {
            AnonymizeRequest.QuasiIdentifierSpec spec = request.quasiIdentifiers().get(i);
            String field = QUASI_IDENTIFIERS + "[" + i + "]";
            int column = table.column(spec.column());
            if (column < 0) {
                throw unknownColumn(field + ".column", spec.column());
            }
            ValueType type = ValueType.of(spec.type()).orElseThrow();
            try {
                quasiIdentifiers.add(new QuasiIdentifier(spec.column(),
                        type.hierarchy(table.distinctValues(column), spec.hierarchy())));
            } catch (IllegalArgumentException e) {
                String at = type.takesHierarchy() ? field + ".hierarchy" : field + ".type";
                throw PlatformException.badRequest("Column '" + spec.column() + "' does not fit its "
                        + type.jsonName() + " hierarchy: " + e.getMessage(), FieldError.field(at, e.getMessage()));
            }
        }
        return quasiIdentifiers;
    }

    private static PlatformException unknownColumn(String field, String column) {
        return PlatformException.badRequest("The file has no column '" + column + "'",
                FieldError.field(field, "names no column of the file"));
    }

    /** Even the fully generalized table, one class of every row, has too few rows or too few sensitive values. */
    private static PlatformException noAnonymization(Risk bestRisk, PrivacyCriteria criteria, int rows) {
        String detail = String.format(Locale.ROOT, "No generalization meets k=%d%s with at most %s of the rows "
                        + "suppressed; the best found risk (every quasi-identifier at *) is highest %.4f, average "
                        + "%.4f, records at risk %.4f", criteria.k(), criteria.l() > 1 ? " and l=" + criteria.l() : "",
                criteria.suppressionLimit(), bestRisk.highest(), bestRisk.average(), bestRisk.recordsAtRisk());
        FieldError error = rows < criteria.k()
                ? FieldError.field("k", "is more than the file's " + rows + " rows")
                : FieldError.field("l", "is more than the distinct values of " + SENSITIVE_COLUMN + " in the file");
        return new PlatformException(422, "no-anonymization", "No anonymization found", detail, List.of(error),
                Map.of());
    }

    /** {@code people.csv} anonymized with k = 5 becomes {@code people-k5.csv}. */
    private static String derivedName(String filename, int k) {
        String base = filename.toLowerCase(Locale.ROOT).endsWith(".csv")
                ? filename.substring(0, filename.length() - 4) : filename;
        return base + "-k" + k + ".csv";
    }
}
