package dev.modelyard.privacy.file;

import java.util.List;

/** The facts about a file that anonymization learns while it streams through. */
public record Anonymized(long rows, List<String> columns, PiiReport piiReport) {
}
