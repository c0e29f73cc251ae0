package dev.modelyard.gateway.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.modelyard.gateway.GatewayTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gateway serves the console's build from the web-console jar, with its settings and headers. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class ConsoleServingTest {

    @Test
    void theAppAndEveryDeepLinkAnswerWithIndexHtmlUnderTheSecurityPolicy() {
        for (String path : new String[] {"/", "/models/churn", "/callback"}) {
            given().accept("text/html").get(path).then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Cache-Control", equalTo("no-cache"))
                    .body(containsString("<div id=\"app\">"));
        }
    }

    @Test
    void hashedAssetsAreServedForGood() {
        String index = given().get("/").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        org.assertj.core.api.Assertions.assertThat(script.find()).as(index).isTrue();
        given().get(script.group(1)).then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
        given().get("/assets/missing.js").then().statusCode(404);
    }

    @Test
    void theSettingsNameTheIssuerAndThePublicClient() {
        given().get("/console-config.json").then().statusCode(200)
                .body("client_id", equalTo("modelyard-console"))
                .body("issuer", startsWith("http://127.0.0.1:"))
                .body("issuer", endsWith("/realms/modelyard"));
    }

    @Test
    void apiPathsKeepTheirOwnAnswers() {
        given().get("/v1/no-such-endpoint").then().statusCode(404)
                .header("Content-Security-Policy", nullValue());
        given().get("/v1/me").then().statusCode(401);
    }
}
