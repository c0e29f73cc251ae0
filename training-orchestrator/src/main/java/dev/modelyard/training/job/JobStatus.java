package dev.modelyard.training.job;

import java.util.Locale;
import java.util.Set;

/**
 * The life of a fine-tuning job: files are fetched ({@code validating_files}), it waits for a free trainer
 * slot ({@code queued}), trains ({@code running}) and ends once, in one of three ways.
 */
public enum JobStatus {
    VALIDATING_FILES, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    private static final Set<JobStatus> TERMINAL = Set.of(SUCCEEDED, FAILED, CANCELLED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** Each step forward in order, or straight to an end: failure and cancellation can come at any point. */
    public boolean canMoveTo(JobStatus next) {
        return switch (this) {
            case VALIDATING_FILES -> next == QUEUED || next == FAILED || next == CANCELLED;
            case QUEUED -> next == RUNNING || next == FAILED || next == CANCELLED;
            case RUNNING -> next.isTerminal();
            case SUCCEEDED, FAILED, CANCELLED -> false;
        };
    }

    /** The name the API uses, as OpenAI spells it. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
