package dev.modelyard.training.clients;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.training.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The privacy service's files: what a job may train on, the anonymized bytes themselves, and the privacy budget
 * a job with privacy reserves on its training file.
 */
@ApplicationScoped
public class PrivacyClient {

    public static final String FINE_TUNE = "fine-tune";
    /** The problem type of a reservation the budget cannot cover, as the privacy service names it too. */
    public static final String BUDGET_EXCEEDED = "budget-exceeded";

    private final ServiceCalls calls;
    private final ServiceTokens tokens;
    private final long reservationTtlSeconds;

    public PrivacyClient(TrainingConfig config, ServiceTokens tokens) {
        this.calls = new ServiceCalls("privacy", config.services().privacy());
        this.tokens = tokens;
        this.reservationTtlSeconds = config.budgetReservationTtl().toSeconds();
    }

    /** A file as its owner sees it. */
    public record FileInfo(String id, String purpose) {
    }

    /** The file, looked up with the caller's own credentials; empty when the caller's tenant has no such file. */
    public Optional<FileInfo> describe(String fileId, String authorization) {
        return calls.getJson("/v1/files/" + ServiceCalls.segment(fileId), authorization)
                .map(file -> new FileInfo(file.path("id").asText(fileId), file.path("purpose").asText(null)));
    }

    /**
     * Downloads the file's anonymized content as {@code <directory>/<name>.csv} or {@code .jsonl}, the
     * extension telling the trainer how to read it, and returns that path.
     */
    public Path download(String fileId, String tenant, Path directory, String name) {
        Path partial = directory.resolve(name + ".part");
        String mediaType = calls.download("/v1/files/" + ServiceCalls.segment(fileId) + "/content",
                tokens.bearer(tenant), partial);
        Path target = directory.resolve(name + "." + extensionOf(mediaType, fileId));
        try {
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reserves {@code epsilon} and {@code delta} of the file's privacy budget for the job, with the caller's own
     * credentials, for {@code budget-reservation-ttl}, and returns the reservation's id.
     *
     * @throws PlatformException 409 {@code budget-exceeded}, saying what remains, when the file's or the tenant's
     *                           budget lacks room
     */
    public String reserveBudget(String fileId, double epsilon, double delta, String jobId, String authorization) {
        ObjectNode reservation = JsonNodeFactory.instance.objectNode().put("epsilon", epsilon).put("delta", delta)
                .put("purpose", FINE_TUNE).put("reference", jobId).put("ttl_seconds", reservationTtlSeconds);
        try {
            return calls.postJson("/v1/files/" + ServiceCalls.segment(fileId) + "/budget/reservations", authorization,
                    reservation).path("id").asText();
        } catch (UpstreamException e) {
            if (e.upstreamStatus() == 409) {
                throw new PlatformException(409, BUDGET_EXCEEDED, "Privacy budget exceeded", e.upstreamDetail());
            }
            throw e;
        }
    }

    /** Spends {@code epsilon} of the reservation, or all of it when null, and releases the rest; repeatable. */
    public void commitBudget(String reservationId, Double epsilon, String tenant) {
        ObjectNode spent = JsonNodeFactory.instance.objectNode();
        if (epsilon != null) {
            spent.put("epsilon", epsilon);
        }
        calls.postJson(reservationPath(reservationId) + "/commit", tokens.bearer(tenant), spent);
    }

    /** Releases the whole reservation; repeatable. */
    public void refundBudget(String reservationId, String tenant) {
        calls.postJson(reservationPath(reservationId) + "/refund", tokens.bearer(tenant),
                JsonNodeFactory.instance.objectNode());
    }

    private static String reservationPath(String reservationId) {
        return "/v1/budget/reservations/" + ServiceCalls.segment(reservationId);
    }

    private static String extensionOf(String mediaType, String fileId) {
        if (mediaType.startsWith("text/csv")) {
            return "csv";
        }
        if (mediaType.startsWith("application/jsonl") || mediaType.startsWith("application/x-ndjson")) {
            return "jsonl";
        }
        throw new UpstreamException("privacy", 422, "file " + fileId + " has content of type " + mediaType
                + ", neither CSV nor JSON Lines");
    }
}
