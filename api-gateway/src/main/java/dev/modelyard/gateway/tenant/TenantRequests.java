package dev.modelyard.gateway.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the tenant administration endpoints. */
public final class TenantRequests {

    /** Lower-case slug: it appears in tokens, logs, Keycloak group names and model repository paths. */
    public static final String SLUG = "[a-z][a-z0-9-]{1,30}[a-z0-9]";

    private TenantRequests() {
    }

    public record Create(
            @NotBlank @Pattern(regexp = SLUG, message = "must be 3-32 lower-case letters, digits or '-'") String id,
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = "free|team|enterprise", message = "must be free, team or enterprise") String plan,
            @NotNull @Valid Admin admin,
            @Valid Quotas quotas) {
    }

    public record Admin(
            @NotBlank @Email String email,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName) {
    }

    public record Quotas(@Min(1) Integer requestsPerMinute, @Min(0) Integer maxConcurrentJobs) {
    }

    public record Update(
            @Size(max = 200) String name,
            @Pattern(regexp = "free|team|enterprise", message = "must be free, team or enterprise") String plan,
            @Pattern(regexp = "active|disabled", message = "must be active or disabled") String status,
            @Valid Quotas quotas) {
    }
}
