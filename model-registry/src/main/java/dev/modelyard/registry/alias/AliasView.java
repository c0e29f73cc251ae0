package dev.modelyard.registry.alias;

/** An alias as the API shows it; {@code deployed} says whether the model repository serves its version. */
public record AliasView(String object, String alias, String model, int version, boolean deployed, long updatedAt,
                        String updatedBy) {

    static AliasView of(ModelAlias alias, String modelName, boolean deployed) {
        return new AliasView("model.alias", alias.alias, modelName, alias.version, deployed,
                alias.updatedAt.getEpochSecond(), alias.updatedBy);
    }
}
