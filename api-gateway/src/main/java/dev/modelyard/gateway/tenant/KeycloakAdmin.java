package dev.modelyard.gateway.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.gateway.auth.KeycloakConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's admin REST API, as far as onboarding needs it: a group per tenant carrying the
 * {@code tenant} attribute that becomes the tokens' claim, and users in it with realm roles.
 */
@ApplicationScoped
public class KeycloakAdmin {

    private final KeycloakConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String accessToken;
    private Instant accessTokenExpiry = Instant.EPOCH;

    public KeycloakAdmin(KeycloakConfig config) {
        this.config = config;
    }

    /** Creates the tenant's group and returns its id. */
    public String createTenantGroup(String tenant) {
        HttpResponse<String> response = send("POST", "/groups",
                Map.of("name", tenant, "attributes", Map.of("tenant", List.of(tenant))), 201, 409);
        if (response.statusCode() == 409) {
            throw PlatformException.conflict("The identity provider already has a group named '" + tenant + "'");
        }
        return idFromLocation(response);
    }

    /** Creates an enabled user in the group with a temporary password and the given realm role. */
    public String createUser(String username, String email, String firstName, String lastName, String group,
                             String temporaryPassword, String realmRole) {
        Map<String, Object> user = Map.of("username", username, "email", email, "emailVerified", true,
                "firstName", firstName, "lastName", lastName, "enabled", true, "groups", List.of("/" + group),
                "credentials", List.of(Map.of("type", "password", "value", temporaryPassword, "temporary", true)));
        HttpResponse<String> response = send("POST", "/users", user, 201, 409);
        if (response.statusCode() == 409) {
            throw PlatformException.conflict("The identity provider already has a user '" + username + "'");
        }
        String userId = idFromLocation(response);
        JsonNode role = readJson(send("GET", "/roles/" + realmRole, null, 200));
        send("POST", "/users/" + userId + "/role-mappings/realm",
                List.of(Map.of("id", role.get("id").asText(), "name", realmRole)), 204);
        return userId;
    }

    /** Enables or disables every member of the tenant's group, so people can or cannot log in. */
    public void setTenantUsersEnabled(String tenant, boolean enabled) {
        JsonNode groups = readJson(send("GET", "/groups?exact=true&search=" + encode(tenant), null, 200));
        for (JsonNode group : groups) {
            if (!tenant.equals(group.path("name").asText())) {
                continue;
            }
            JsonNode members = readJson(send("GET", "/groups/" + group.get("id").asText() + "/members?max=1000", null, 200));
            for (JsonNode member : members) {
                send("PUT", "/users/" + member.get("id").asText(), Map.of("enabled", enabled), 204);
            }
        }
    }

    /** Removes a group created by an onboarding that failed half-way. */
    public void deleteGroup(String groupId) {
        send("DELETE", "/groups/" + groupId, null, 204, 404);
    }

    private HttpResponse<String> send(String method, String path, Object body, int... expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.adminEndpoint() + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response;
                }
            }
            throw unavailable(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        } catch (IOException e) {
            throw unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (accessToken != null && Instant.now().isBefore(accessTokenExpiry)) {
            return accessToken;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(config.adminClientId())
                + "&client_secret=" + encode(config.adminClientSecret());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(config.realmEndpoint()
                                + "/protocol/openid-connect/token"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw unavailable("client credentials refused: " + response.statusCode());
        }
        JsonNode body = json.readTree(response.body());
        accessToken = body.get("access_token").asText();
        // Renew a little early so a request never starts with a token about to expire.
        accessTokenExpiry = Instant.now().plusSeconds(Math.max(5, body.path("expires_in").asLong(60) - 15));
        return accessToken;
    }

    private JsonNode readJson(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw unavailable("unreadable answer: " + e.getMessage());
        }
    }

    private static String idFromLocation(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> unavailable("no Location header on a created object"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static PlatformException unavailable(String detail) {
        return new PlatformException(502, "identity-provider-unavailable", "Identity provider unavailable",
                "Keycloak's admin API failed: " + detail);
    }
}
