package dev.modelyard.router.infer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Where the rest of a call goes on after an asynchronous step: back on the Vert.x context (event loop) that
 * received it. A backend answers a call made on an event loop on that same loop, and then this is a task queued
 * on the running thread, with no wake-up; a step completed by another thread (a free queue slot, a call sent from
 * a virtual thread) only hands the result over, and the call's own work stays spread over the event loops.
 * Outside Vert.x (a stream's virtual thread, a test) it goes on where the step completed.
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
