package dev.modelyard.privacy.kanon;

import java.util.Map;

/**
 * The generalization a search chose and what it does to the table.
 *
 * @param generalization   the level of each quasi-identifier, in the order they were declared
 * @param suppressedRows   records removed because their class stayed too small (or not diverse enough)
 * @param riskBefore       the risk of the table on its raw quasi-identifiers
 * @param riskAfter        the risk of the anonymized table
 * @param informationLoss  the mean generalization height ratio of the quasi-identifiers (0 for raw values,
 *                         1 for {@code *}) plus the share of records suppressed
 * @param table            the anonymized table: generalized, without the suppressed rows
 */
public record Anonymization(Map<String, Integer> generalization, long suppressedRows, Risk riskBefore,
                            Risk riskAfter, double informationLoss, Table table) {
}
