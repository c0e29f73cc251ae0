package dev.modelyard.training.job;

/**
 * Why a job failed, as OpenAI reports it. {@code code} is the trainer's ({@code invalid_input},
 * {@code out_of_budget}, {@code failed}) or the orchestrator's ({@code invalid_file}, {@code invalid_trainer_output}
 * when a trainer that exited 0 left outputs that cannot be registered); {@code param}
 * names the request field at fault, when one is.
 */
public record JobError(String code, String message, String param) {

    public static final String INVALID_INPUT = "invalid_input";
    public static final String OUT_OF_BUDGET = "out_of_budget";
    public static final String FAILED = "failed";
    public static final String INVALID_FILE = "invalid_file";
    public static final String INVALID_TRAINER_OUTPUT = "invalid_trainer_output";

    public static JobError failed(String message) {
        return new JobError(FAILED, message, null);
    }
}
