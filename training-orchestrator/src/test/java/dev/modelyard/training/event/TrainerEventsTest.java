package dev.modelyard.training.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerEventsTest {

    @Test
    void stepsAndEpochsBecomeMetricsWithTheirNumbers() {
        EventDraft epoch = TrainerEvents.describe("{\"type\":\"epoch\",\"epoch\":2,\"step\":40,\"train_loss\":0.41,"
                + "\"train_accuracy\":0.8,\"valid_loss\":0.45,\"valid_accuracy\":0.77,\"epsilon\":1.2}");
        assertThat(epoch.type()).isEqualTo(JobEvent.Type.METRICS);
        assertThat(epoch.level()).isEqualTo(JobEvent.Level.INFO);
        assertThat(epoch.message()).isEqualTo("Epoch 2: train_loss=0.41, train_accuracy=0.8, valid_loss=0.45, "
                + "valid_accuracy=0.77, epsilon=1.2");
        assertThat(epoch.data()).containsEntry("type", "epoch").containsEntry("epoch", 2).containsEntry("step", 40)
                .containsEntry("train_loss", 0.41);

        EventDraft step = TrainerEvents.describe("{\"type\":\"step\",\"step\":10,\"epoch\":1,\"loss\":0.6}");
        assertThat(step.type()).isEqualTo(JobEvent.Type.METRICS);
        assertThat(step.message()).isEqualTo("Step 10: loss=0.6");
        assertThat(step.data()).isEqualTo(Map.of("type", "step", "step", 10, "epoch", 1, "loss", 0.6));
    }

    @Test
    void startAndEndBecomeMessages() {
        EventDraft started = TrainerEvents.describe("{\"type\":\"started\",\"rows\":800,\"features\":4,\"classes\":2,"
                + "\"steps_per_epoch\":25,\"noise_multiplier\":1.1}");
        assertThat(started.type()).isEqualTo(JobEvent.Type.MESSAGE);
        assertThat(started.message()).isEqualTo("Training started: 800 rows, 4 features, 2 classes");

        EventDraft completed = TrainerEvents.describe("{\"type\":\"completed\",\"metrics\":{\"accuracy\":0.9},\"epsilon\":2.9}");
        assertThat(completed.message()).isEqualTo("Training completed");
        assertThat(completed.data()).containsEntry("epsilon", 2.9).containsEntry("metrics", Map.of("accuracy", 0.9));

        EventDraft error = TrainerEvents.describe("{\"type\":\"error\",\"code\":\"invalid_input\",\"message\":\"no column 'x'\"}");
        assertThat(error.level()).isEqualTo(JobEvent.Level.ERROR);
        assertThat(error.message()).isEqualTo("no column 'x'");
        assertThat(error.data()).isEqualTo(Map.of("type", "error", "code", "invalid_input", "message", "no column 'x'"));
    }

    @Test
    void unreadableLinesAreKeptAsWarnings() {
        EventDraft garbage = TrainerEvents.describe("Exception in thread \"main\"");
        assertThat(garbage.level()).isEqualTo(JobEvent.Level.WARN);
        assertThat(garbage.data()).containsEntry("line", "Exception in thread \"main\"");
        assertThat(TrainerEvents.describe("[1,2]").level()).isEqualTo(JobEvent.Level.WARN);
        assertThat(TrainerEvents.describe("x".repeat(2000)).data().get("line").toString()).hasSize(501);
    }
}
