package dev.modelyard.gateway.apikey;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the API key endpoints. */
public final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    /**
     * @param scopes            areas the key may reach ({@link Scopes#KNOWN}); all of them when absent
     * @param expiresInDays     days until the key stops working; never when absent
     * @param rateLimitPerMinute a limit of this key's own, below the tenant's
     */
    public record Create(
            @NotBlank @Size(max = 100) String name,
            @Size(min = 1, max = 10) List<@NotBlank String> scopes,
            @Min(1) @Max(3650) Integer expiresInDays,
            @Min(1) Integer rateLimitPerMinute) {
    }
}
