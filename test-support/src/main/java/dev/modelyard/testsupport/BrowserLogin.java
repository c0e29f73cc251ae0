package dev.modelyard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Logs in the way the console does: authorization code with PKCE through Keycloak's real login
 * pages (with cookies, forms and redirects), answering the "update password" page that a
 * temporary password leads to. Returns the access token.
 */
public final class BrowserLogin {

    private static final String CLIENT_ID = "modelyard-console";
    private static final String REDIRECT_URI = "http://127.0.0.1:8080/callback";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserLogin() {
    }

    public static String login(String username, String password, String newPassword) {
        Browser browser = new Browser();
        String issuer = KeycloakResource.issuer();
        String verifier = randomUrlSafe(32);
        String authorize = issuer + "/protocol/openid-connect/auth?" + Http.form(Map.of(
                "client_id", CLIENT_ID, "redirect_uri", REDIRECT_URI, "response_type", "code", "scope", "openid",
                "state", randomUrlSafe(8), "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(URI.create(authorize)).GET());
        page = followWithinKeycloak(browser, post(browser, actionOf(page),
                Map.of("username", username, "password", password, "credentialId", "")));
        if (page.statusCode() == 200 && newPassword != null) {
            page = followWithinKeycloak(browser, post(browser, actionOf(page),
                    Map.of("password-new", newPassword, "password-confirm", newPassword)));
        }
        HttpResponse<String> last = page;
        String location = last.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("Login of " + username + " did not redirect back: "
                        + last.statusCode() + " " + last.body().substring(0, Math.min(400, last.body().length()))));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!location.startsWith(REDIRECT_URI) || !code.find()) {
            throw new IllegalStateException("Unexpected redirect: " + location);
        }
        HttpResponse<String> tokens = send(browser, HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(Map.of("grant_type", "authorization_code",
                        "client_id", CLIENT_ID, "redirect_uri", REDIRECT_URI, "code", code.group(1),
                        "code_verifier", verifier)))));
        try {
            JsonNode body = JSON.readTree(tokens.body());
            if (!body.has("access_token")) {
                throw new IllegalStateException("Code exchange refused: " + tokens.body());
            }
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows redirects between Keycloak's own pages, stopping at the one back to the client. */
    private static HttpResponse<String> followWithinKeycloak(Browser browser, HttpResponse<String> page) {
        while (page.statusCode() / 100 == 3) {
            String location = page.headers().firstValue("Location").orElseThrow();
            if (location.startsWith(REDIRECT_URI)) {
                return page;
            }
            page = send(browser, HttpRequest.newBuilder(page.uri().resolve(location)).GET());
        }
        return page;
    }

    private static HttpResponse<String> post(Browser browser, String action, Map<String, String> fields) {
        return send(browser, HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(fields))));
    }

    private static String actionOf(HttpResponse<String> page) {
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("No form on the page (" + page.statusCode() + "): "
                    + page.body().substring(0, Math.min(400, page.body().length())));
        }
        return action.group(1).replace("&amp;", "&");
    }

    private static HttpResponse<String> send(Browser browser, HttpRequest.Builder request) {
        return browser.send(request);
    }

    /**
     * Keeps cookies the way a browser does for http://127.0.0.1, which browsers treat as a secure
     * context: Keycloak's {@code Secure} cookies are sent back (the JDK's cookie manager would drop them).
     */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final Map<String, String> cookies = new LinkedHashMap<>();

        HttpResponse<String> send(HttpRequest.Builder request) {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream()
                        .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = Http.send(http, request.build());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                String name = pair.substring(0, equals).trim();
                String value = pair.substring(equals + 1).trim();
                if (value.isEmpty() || setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
