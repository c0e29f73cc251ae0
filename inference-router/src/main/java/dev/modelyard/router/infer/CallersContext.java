package dev.modelyard.router.infer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Where the rest of a call goes on after an asynchronous step: back on the Vert.x context (event loop) that
 * received it, so that the thread that completed the step (the metering writer, a backend's network thread)
 * only hands the result over and the call's own work stays spread over the event loops. Outside Vert.x
 * (a stream's virtual thread, a test) it goes on where the step completed.
 */
final class CallersContext {

    private CallersContext() {
    }

    static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return work -> context.runOnContext(ignored -> work.run());
    }
}
