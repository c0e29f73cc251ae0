package dev.modelyard.privacy.kanon;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/files/{id}/anonymize}.
 *
 * @param suppressionLimit the largest share of rows that may be removed; 0.05 when left out
 * @param sensitiveColumn  the column l-diversity is about; given together with {@code l}
 * @param riskThreshold    a record whose risk is above this counts as at risk; 0.2 when left out
 */
public record AnonymizeRequest(List<QuasiIdentifierSpec> quasiIdentifiers, Integer k, Double suppressionLimit,
                               String sensitiveColumn, Integer l, Double riskThreshold) {

    /**
     * @param type      number, date, postal_code or category
     * @param hierarchy for a category only: each value's generalizations, lowest first
     */
    public record QuasiIdentifierSpec(String column, String type, Map<String, List<String>> hierarchy) {
    }
}
