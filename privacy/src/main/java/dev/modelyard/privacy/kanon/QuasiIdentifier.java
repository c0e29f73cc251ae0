package dev.modelyard.privacy.kanon;

/** A column that, combined with others, could single a person out, and how its values generalize. */
public record QuasiIdentifier(String column, Hierarchy hierarchy) {
}
