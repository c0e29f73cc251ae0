package dev.modelyard.modelserver.repository;

import dev.modelyard.modelserver.runtime.InferenceStatistics;

/** The statistics of one loaded model version. */
public record VersionStatistics(String name, String version, InferenceStatistics.Snapshot statistics) {
}
