package dev.modelyard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.InferParameter;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    /** Time stands still for the callers' deadlines, so what remains of them is exact however slow the test runs. */
    private static final Deadline.Ticker STOPPED = new Deadline.Ticker() {
        @Override
        public long nanoTime() {
            return 0;
        }
    };

    @Test
    void theEarliestOfTheRoutersTheCallersAndTheRequestsDeadlineWins() {
        ModelInferRequest plain = ModelInferRequest.getDefaultInstance();
        assertThat(CallDeadline.of(LIMIT, null, plain, 0)).isEqualTo(LIMIT.toNanos());

        assertThat(CallDeadline.of(LIMIT, Deadline.after(2, TimeUnit.SECONDS, STOPPED), plain, 0))
                .isEqualTo(Duration.ofSeconds(2).toNanos());

        assertThat(CallDeadline.of(LIMIT, Deadline.after(2, TimeUnit.SECONDS, STOPPED), timeout(500_000), 0))
                .isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(CallDeadline.of(LIMIT, null, timeout(60_000_000), 0)).isEqualTo(LIMIT.toNanos());
    }

    @Test
    void aTimeoutThatIsNotAPositiveNumberOfMicrosecondsIsRefused() {
        ModelInferRequest text = ModelInferRequest.newBuilder().putParameters(CallDeadline.TIMEOUT_PARAMETER,
                InferParameter.newBuilder().setStringParam("soon").build()).build();
        assertThatThrownBy(() -> CallDeadline.of(LIMIT, null, text, 0))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("parameters.timeout"));
        assertThatThrownBy(() -> CallDeadline.of(LIMIT, null, timeout(0), 0)).isInstanceOf(PlatformException.class);
    }

    private static ModelInferRequest timeout(long micros) {
        return ModelInferRequest.newBuilder().putParameters(CallDeadline.TIMEOUT_PARAMETER,
                InferParameter.newBuilder().setInt64Param(micros).build()).build();
    }
}
