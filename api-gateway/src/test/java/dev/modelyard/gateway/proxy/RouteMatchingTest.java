package dev.modelyard.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteMatchingTest {

    @Test
    void aPrefixOwnsItselfAndWhatIsBelowItAtASegmentBoundary() {
        assertThat(RouteTable.match("/v1/models")).extracting(ServiceRoute::service).isEqualTo("registry");
        assertThat(RouteTable.match("/v1/models/")).extracting(ServiceRoute::scope).isEqualTo("models");
        assertThat(RouteTable.match("/v1/models/m/versions/3")).extracting(ServiceRoute::service).isEqualTo("registry");
        assertThat(RouteTable.match("/v2/models/m/infer")).extracting(ServiceRoute::scope).isEqualTo("inference");
        assertThat(RouteTable.match("/v1/usage")).extracting(ServiceRoute::service).isEqualTo("router");
        assertThat(RouteTable.match("/v1/files/file-1/content")).extracting(ServiceRoute::service).isEqualTo("privacy");
        assertThat(RouteTable.match("/v1/fine_tuning/jobs")).extracting(ServiceRoute::scope).isEqualTo("fine_tuning");
    }

    @Test
    void theGatewaysOwnPathsAndLookAlikesMatchNoRoute() {
        for (String path : new String[] {"/v1/modelsX", "/v1/models-x", "/v2x", "/v1/api-keys", "/v1/me", "/v1/budget",
                "/", "/v1", "/V1/models", "/x/v1/models"}) {
            assertThat(RouteTable.match(path)).as(path).isNull();
        }
    }

    @Test
    void grpcMethodsAreTheServicePathAndALetterName() {
        assertThat(GrpcForwarder.isServiceMethod("/inference.GRPCInferenceService/ModelInfer")).isTrue();
        assertThat(GrpcForwarder.isServiceMethod("/inference.GRPCInferenceService/ModelStreamInfer")).isTrue();
        assertThat(GrpcForwarder.isServiceMethod("/inference.GRPCInferenceService/")).isFalse();
        assertThat(GrpcForwarder.isServiceMethod("/inference.GRPCInferenceService/Model/Infer")).isFalse();
        assertThat(GrpcForwarder.isServiceMethod("/inference.GRPCInferenceService/Model1")).isFalse();
        assertThat(GrpcForwarder.isServiceMethod("/inferenceXGRPCInferenceService/ModelInfer")).isFalse();
        assertThat(GrpcForwarder.isServiceMethod("/v2/models")).isFalse();
    }

    @Test
    void headerNamesMatchWhateverTheirCase() {
        HeaderNames names = new HeaderNames("transfer-encoding", "host");
        assertThat(names.contains("Transfer-Encoding")).isTrue();
        assertThat(names.contains("HOST")).isTrue();
        assertThat(names.contains("host")).isTrue();
        assertThat(names.contains("x-host")).isFalse();
        assertThat(names.contains("hos")).isFalse();
    }
}
