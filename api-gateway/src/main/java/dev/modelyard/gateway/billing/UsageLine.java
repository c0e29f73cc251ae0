package dev.modelyard.gateway.billing;

/**
 * One model's usage in a period, as the inference router reports it.
 *
 * @param rows            inferences billed: each row of a batch counts, as Triton counts them
 * @param computeSeconds  time the model servers spent answering, in seconds
 */
public record UsageLine(String model, long requests, long rows, double computeSeconds) {
}
