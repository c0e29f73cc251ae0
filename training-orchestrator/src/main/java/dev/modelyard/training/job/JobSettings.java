package dev.modelyard.training.job;

import dev.modelyard.training.executor.TrainerResources;

/** A job request that passed validation, with every default filled in. {@code privacy} is null for plain SGD,
 * {@code resources} when the executor's defaults apply. */
public record JobSettings(ModelReference model, String trainingFile, String validationFile,
                          Hyperparameters hyperparameters, String suffix, long seed, PrivacySettings privacy,
                          String labelColumn, ColumnChoice columns, Method method, TrainerResources resources) {
}
