package dev.modelyard.training.job;

/** A job request that passed validation, with every default filled in. {@code privacy} is null for plain SGD. */
public record JobSettings(ModelReference model, String trainingFile, String validationFile,
                          Hyperparameters hyperparameters, String suffix, long seed, PrivacySettings privacy,
                          String labelColumn, Method method) {
}
