package dev.modelyard.modelserver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

@ConfigMapping(prefix = "modelyard.model-server")
public interface ModelServerConfig {

    /**
     * The Triton-layout model repository: {@code <repository>/<model>/config.pbtxt} and
     * {@code <repository>/<model>/<version>/model.onnx}. Default {@code ${modelyard.home}/model-repository},
     * where the registry publishes.
     */
    @WithDefault("${modelyard.home:.platform}/model-repository")
    Path repository();

    /**
     * Like Triton's {@code --model-control-mode}: {@code explicit} loads a model only when asked
     * (RepositoryModelLoad, as the registry does on deploy); {@code none} loads every model at start-up.
     */
    @WithDefault("explicit")
    ModelControlMode modelControlMode();

    /**
     * Threads ONNX Runtime uses inside one inference. One keeps a small model's latency lowest and lets
     * concurrent requests, not one request, use the cores.
     */
    @WithDefault("1")
    int intraOpThreads();

    enum ModelControlMode {
        EXPLICIT,
        NONE
    }
}
