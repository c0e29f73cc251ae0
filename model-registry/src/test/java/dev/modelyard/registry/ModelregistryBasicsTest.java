package dev.modelyard.registry;

import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.ServiceBasicsSuite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
class ModelregistryBasicsTest extends ServiceBasicsSuite {
}
