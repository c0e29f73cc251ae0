package dev.modelyard.modelserver;

/**
 * A request the model server refuses, with the kind of failure both protocols translate: a gRPC status
 * code and an HTTP status, as Triton answers them.
 */
public class ModelServerException extends RuntimeException {

    public enum Kind {
        /** Unknown model, version or model folder. */
        NOT_FOUND,
        /** The request does not fit the model (input name, datatype, shape, size) or the model is unusable. */
        INVALID_ARGUMENT,
        /** The model went away while the request was served (unloaded or reloaded); retrying resolves anew. */
        UNAVAILABLE
    }

    private final Kind kind;

    public ModelServerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static ModelServerException notFound(String message) {
        return new ModelServerException(Kind.NOT_FOUND, message);
    }

    public static ModelServerException invalid(String message) {
        return new ModelServerException(Kind.INVALID_ARGUMENT, message);
    }

    public Kind kind() {
        return kind;
    }
}
