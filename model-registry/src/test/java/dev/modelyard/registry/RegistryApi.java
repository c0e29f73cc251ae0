package dev.modelyard.registry;

import static io.restassured.RestAssured.given;

import dev.modelyard.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.ThreadLocalRandom;

/** The registry's API as tests drive it: a tenant member's requests and ready-made request bodies. */
public final class RegistryApi {

    /** The trainer's signature: a batch of 4 features in, class probabilities and a label out. */
    public static final String BATCHED_SIGNATURE = """
            {"inputs": [{"name": "features", "datatype": "FP32", "shape": [-1, 4]}],
             "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]},
                         {"name": "label", "datatype": "BYTES", "shape": [-1]}],
             "feature_names": ["age", "monthly_spend", "tenure_months", "support_tickets"],
             "class_labels": ["no", "yes"]}""";

    private RegistryApi() {
    }

    /** Requests as a tenant member: the role every registry endpoint but model deletion needs. */
    public static RequestSpecification as(String tenant) {
        return given().header("Authorization", "Bearer " + TestTokens.member(tenant));
    }

    public static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Uploads the bytes as the tenant's artifact and returns their SHA-256. */
    public static String upload(String tenant, byte[] bytes) {
        return as(tenant).contentType(ContentType.BINARY).body(bytes).post("/v1/artifacts")
                .then().statusCode(201).extract().path("sha256");
    }

    public static String versionBody(String sha256, String signature) {
        return """
                {"artifact_sha256": "%s", "format": "onnx", "signature": %s,
                 "metrics": {"valid_accuracy": 0.91, "history": [{"epoch": 1, "loss": 0.4}]},
                 "lineage": {"job_id": "ftjob-1", "training_file": "file-1", "epsilon": 3.0, "delta": 1e-5},
                 "create_model": true}""".formatted(sha256, signature);
    }

    /** Registers a version of random bytes with the given signature, creating the model; returns its number. */
    public static int register(String tenant, String model, String signature) {
        String sha256 = upload(tenant, randomBytes(64));
        return as(tenant).contentType(ContentType.JSON).body(versionBody(sha256, signature))
                .post("/v1/models/" + model + "/versions")
                .then().statusCode(201).extract().path("version");
    }

    public static int register(String tenant, String model) {
        return register(tenant, model, BATCHED_SIGNATURE);
    }

    public static void setAlias(String tenant, String model, String alias, int version) {
        as(tenant).contentType(ContentType.JSON).body("{\"version\": " + version + "}")
                .put("/v1/models/" + model + "/aliases/" + alias)
                .then().statusCode(200);
    }

    public static String servingName(String tenant, String model) {
        return as(tenant).get("/v1/models/" + model).then().statusCode(200).extract().path("id");
    }
}
