package dev.modelyard.router.metering;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The spool's record payload: a usage event in a compact binary form, versioned by its first byte. */
final class UsageEventCodec {

    private static final byte FORMAT = 1;
    private static final int NULL_TEXT = -1;

    private UsageEventCodec() {
    }

    static byte[] encode(UsageEvent event) {
        byte[][] texts = {utf8(event.id()), utf8(event.tenantId()), utf8(event.apiKeyId()), utf8(event.subject()),
                utf8(event.model()), utf8(event.version()), utf8(event.status())};
        int size = 1 + 3 * Long.BYTES;
        for (byte[] text : texts) {
            size += Integer.BYTES + (text == null ? 0 : text.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT);
        for (byte[] text : texts) {
            out.putInt(text == null ? NULL_TEXT : text.length);
            if (text != null) {
                out.put(text);
            }
        }
        return out.putLong(event.rows()).putLong(event.latencyUs())
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, event.occurredAt())).array();
    }

    /** @throws IllegalArgumentException when the bytes are not an event of a known format */
    static UsageEvent decode(ByteBuffer in) {
        try {
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("Unknown usage record format");
            }
            String id = text(in);
            String tenant = text(in);
            String apiKey = text(in);
            String subject = text(in);
            String model = text(in);
            String version = text(in);
            String status = text(in);
            long rows = in.getLong();
            long latencyUs = in.getLong();
            Instant occurredAt = Instant.EPOCH.plus(in.getLong(), ChronoUnit.MICROS);
            return new UsageEvent(id, tenant, apiKey, subject, model, version, rows, latencyUs, status, occurredAt);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unreadable usage record: " + e.getMessage(), e);
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        if (length == NULL_TEXT) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
