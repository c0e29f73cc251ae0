package dev.modelyard.registry;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Reads PostgreSQL notifications on a connection that has run {@code LISTEN}. */
public final class Notifications {

    /** Generous: a loaded machine may take seconds to deliver, and the wait ends as soon as {@code enough} holds. */
    private static final long PATIENCE_MILLIS = 30_000;

    private Notifications() {
    }

    /** The payloads that arrive until those received are {@code enough}, or the patience runs out. */
    public static List<String> until(Connection connection, Predicate<List<String>> enough) throws Exception {
        List<String> payloads = new ArrayList<>();
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (!enough.test(payloads) && System.currentTimeMillis() < deadline) {
            PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(200);
            if (received != null) {
                Arrays.stream(received).map(PGNotification::getParameter).forEach(payloads::add);
            }
        }
        return payloads;
    }
}
