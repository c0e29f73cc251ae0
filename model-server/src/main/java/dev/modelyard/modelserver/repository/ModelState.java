package dev.modelyard.modelserver.repository;

/** A model's state in RepositoryIndex, named as Triton names them. */
public enum ModelState {
    READY,
    /** The last load failed; the index entry's reason says why. */
    UNAVAILABLE,
    /** Never loaded, or unloaded. */
    UNLOADED
}
