package dev.modelyard.gateway;

import dev.modelyard.testsupport.ServiceBasicsSuite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class GatewayBasicsTest extends ServiceBasicsSuite {
}
