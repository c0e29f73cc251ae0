package dev.modelyard.modelserver.repository;

/** One row of RepositoryIndex: a ready model version, or a model folder that serves nothing and why. */
public record ModelIndexEntry(String name, String version, ModelState state, String reason) {
}
