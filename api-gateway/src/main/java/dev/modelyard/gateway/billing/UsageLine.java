package dev.modelyard.gateway.billing;

/**
 * One model version's usage in a period, as the inference router reports it.
 *
 * @param requests        successful inference calls
 * @param rows            inferences billed: each row of a batch counts, as Triton counts them
 * @param computeSeconds  time the model servers spent answering the successful calls, in seconds
 */
public record UsageLine(String model, String version, long requests, long rows, double computeSeconds) {
}
