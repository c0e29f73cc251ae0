package dev.modelyard.training.executor;

/**
 * What a job asks of the machine its trainer runs on; a null field takes the executor's default. Only the Kubernetes
 * executor has GPUs to give: a local trainer runs on the orchestrator's machine as it is.
 *
 * @param gpuType one of the cluster's GPU types ({@code modelyard.training.kubernetes.gpu-types})
 * @param gpus    how many GPUs of that type, 0 for none
 */
public record TrainerResources(String gpuType, Integer gpus) {

    public static final int MAX_GPUS = 16;
}
