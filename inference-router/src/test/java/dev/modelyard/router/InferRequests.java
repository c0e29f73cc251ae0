package dev.modelyard.router;

import static io.restassured.RestAssured.given;

import dev.modelyard.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** KServe v2 JSON requests to the fake models, whose one input is {@code features FP32 [-1, 4]}. */
public final class InferRequests {

    private InferRequests() {
    }

    /** A body with one {@code features} input. */
    public static String features(String shape, String data) {
        return "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":" + shape + ",\"data\":" + data + "}]}";
    }

    /** Infers one row {@code [1, 2, 3, 4]} as a member of {@code tenant}. */
    public static ValidatableResponse inferOneRow(String tenant, String model) {
        return infer("Bearer " + TestTokens.member(tenant), "/v2/models/" + model + "/infer", features("[1, 4]", "[1, 2, 3, 4]"));
    }

    public static ValidatableResponse infer(String authorization, String path, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post(path).then();
    }
}
