package dev.modelyard.privacy.kanon;

import java.util.Map;

/**
 * What k-anonymization did to make a file, kept on the file it made.
 *
 * @param l           null when l-diversity was not asked for
 * @param derivedFrom the id of the file it was made from
 */
public record AnonymizationReport(int k, Integer l, Map<String, Integer> generalization, long suppressedRows,
                                  Risk riskBefore, Risk riskAfter, double informationLoss, String derivedFrom) {
}
