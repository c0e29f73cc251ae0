package dev.modelyard.protocols.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderedStreamInferTest {

    /** The first request finishes last, yet every answer leaves in request order, and the stream ends after them. */
    @Test
    void answersInRequestOrderWhileHandlingConcurrently() throws InterruptedException {
        RecordingAnswers answers = new RecordingAnswers();
        OrderedStreamInfer<Integer, String> stream = new OrderedStreamInfer<>(answers, request -> {
            sleep(request == 0 ? 300 : 10);
            return "answer " + request;
        });

        for (int request = 0; request < 5; request++) {
            stream.onNext(request);
        }
        stream.onCompleted();

        assertThat(answers.ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(answers.sent).containsExactly("answer 0", "answer 1", "answer 2", "answer 3", "answer 4");
        assertThat(answers.failure).isNull();
        // One window up front, then one more request read per answer sent.
        assertThat(answers.requested.get()).isEqualTo(OrderedStreamInfer.IN_FLIGHT + 5);
    }

    @Test
    void aHandlerThatThrowsEndsTheStreamWithInternal() throws InterruptedException {
        RecordingAnswers answers = new RecordingAnswers();
        OrderedStreamInfer<Integer, String> stream = new OrderedStreamInfer<>(answers, request -> {
            if (request == 1) {
                throw new IllegalStateException("broken");
            }
            return "answer " + request;
        });

        stream.onNext(0);
        stream.onNext(1);
        stream.onNext(2);
        stream.onCompleted();

        assertThat(answers.ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(answers.sent).containsExactly("answer 0");
        assertThat(Status.fromThrowable(answers.failure).getCode()).isEqualTo(Status.Code.INTERNAL);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server side of a call as gRPC hands it to a service, recording what the stream does with it. */
    private static final class RecordingAnswers extends ServerCallStreamObserver<String> {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger requested = new AtomicInteger();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile Throwable failure;

        @Override
        public void onNext(String answer) {
            sent.add(answer);
        }

        @Override
        public void onError(Throwable error) {
            failure = error;
            ended.countDown();
        }

        @Override
        public void onCompleted() {
            ended.countDown();
        }

        @Override
        public void request(int count) {
            requested.addAndGet(count);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable handler) {
        }

        @Override
        public void setCompression(String compression) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable handler) {
        }

        @Override
        public void disableAutoInboundFlowControl() {
        }

        @Override
        public void disableAutoRequest() {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }
    }
}
