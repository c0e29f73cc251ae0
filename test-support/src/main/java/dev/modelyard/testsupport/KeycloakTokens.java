package dev.modelyard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelyard.launcher.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Real access tokens from the test Keycloak, through the CLI client's password grant. */
public final class KeycloakTokens {

    public static final String DEMO_PASSWORD = "demo";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakTokens() {
    }

    public static String accessToken(String username) {
        return accessToken(username, DEMO_PASSWORD);
    }

    public static String accessToken(String username, String password) {
        JsonNode body = tokenRequest(Map.of("grant_type", "password", "client_id", "modelyard-cli",
                "username", username, "password", password, "scope", "openid"));
        if (!body.has("access_token")) {
            throw new IllegalStateException("Keycloak refused the login of " + username + ": " + body);
        }
        return body.get("access_token").asText();
    }

    public static String issuer() {
        return KeycloakResource.issuer();
    }

    /**
     * A real token that expires after {@code seconds}: the CLI client's token lifespan is shortened
     * through Keycloak's admin API for this one login and then put back.
     */
    public static synchronized String shortLivedAccessToken(String username, int seconds) {
        String base = KeycloakResource.url();
        String admin = send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + KeycloakServer.BOOTSTRAP_ADMIN + "&password=" + KeycloakServer.BOOTSTRAP_PASSWORD)))
                .get("access_token").asText();
        String clients = base + "/admin/realms/" + KeycloakServer.REALM + "/clients";
        JsonNode client = send(HttpRequest.newBuilder(URI.create(clients + "?clientId=modelyard-cli"))
                .header("Authorization", "Bearer " + admin).GET()).get(0);
        String clientUrl = clients + "/" + client.get("id").asText();
        ObjectNode changed = client.deepCopy();
        ((ObjectNode) changed.with("attributes")).put("access.token.lifespan", Integer.toString(seconds));
        putJson(clientUrl, admin, changed);
        // Keycloak merges client attributes, so leaving the key out would keep the short lifespan for
        // every later login: put back the client's own value, or the realm's default.
        ObjectNode restored = client.deepCopy();
        if (!restored.path("attributes").has("access.token.lifespan")) {
            String realmLifespan = send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + KeycloakServer.REALM))
                    .header("Authorization", "Bearer " + admin).GET()).get("accessTokenLifespan").asText();
            ((ObjectNode) restored.with("attributes")).put("access.token.lifespan", realmLifespan);
        }
        try {
            return accessToken(username);
        } finally {
            putJson(clientUrl, admin, restored);
        }
    }

    private static void putJson(String url, String bearer, JsonNode body) {
        send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response = Http.send(HTTP, request.build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Keycloak answered " + response.statusCode() + ": " + response.body());
        }
        return readJson(response.body());
    }

    /** The raw answer of the token endpoint, for tests that expect a refusal. */
    public static JsonNode tokenRequest(Map<String, String> form) {
        String endpoint = KeycloakResource.issuer() + "/protocol/openid-connect/token";
        HttpResponse<String> response = Http.send(HTTP, HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(form))).build());
        return readJson(response.body());
    }

    private static JsonNode readJson(String body) {
        try {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
