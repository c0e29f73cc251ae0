package dev.modelyard.registry.deploy;

import static dev.modelyard.registry.RegistryApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.tenant.TenantWork;
import dev.modelyard.registry.Notifications;
import dev.modelyard.registry.RegistryApi;
import dev.modelyard.registry.alias.AliasMovedNotifier;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deployed models following the model servers as they come and go, across tenants, through the database. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
@QuarkusTestResource(value = FakeModelServerPorts.class, restrictToAnnotatedClass = false)
class PlacementReconcilerTest {

    @Inject
    FakeModelServers servers;

    @Inject
    PlacementReconciler reconciler;

    @Inject
    ModelDeployer deployer;

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    @AfterEach
    void allServersBack() {
        servers.recover();
        pass(servers.targets());
    }

    @Test
    void everyTenantsModelsMoveOffALostServerAndBackOntoItWhenItReturns() throws Exception {
        RegistryApi.register("acme", "followed");
        RegistryApi.setAlias("acme", "followed", "production", 1);
        RegistryApi.register("globex", "followed-too");
        RegistryApi.setAlias("globex", "followed-too", "production", 1);
        String acmeModel = RegistryApi.servingName("acme", "followed");
        String globexModel = RegistryApi.servingName("globex", "followed-too");
        String first = servers.targets().get(0);
        String second = servers.targets().get(1);
        int callsBefore = servers.callsFor(acmeModel).size();

        try (Connection connection = DriverManager.getConnection(jdbcUrl, "registry_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            sql.execute("LISTEN " + AliasMovedNotifier.CHANNEL);

            assertThat(pass(List.of(first))).isZero();
            assertThat(Notifications.until(connection,
                    received -> received.containsAll(List.of("acme/followed", "globex/followed-too"))))
                    .contains("acme/followed", "globex/followed-too");
        }
        backends("acme", "followed").then().body("backends", contains(first));
        backends("globex", "followed-too").then().body("backends", contains(first));
        assertThat(servers.callsFor(acmeModel)).hasSize(callsBefore);

        assertThat(pass(servers.targets())).isZero();
        backends("acme", "followed").then().body("backends", containsInAnyOrder(first, second));
        assertThat(servers.callsFor(acmeModel).subList(callsBefore, servers.callsFor(acmeModel).size()))
                .containsExactly(new FakeModelServers.Call(second, "load", acmeModel));
        assertThat(servers.callsFor(globexModel).getLast()).isEqualTo(new FakeModelServers.Call(second, "load", globexModel));

        // Nothing changed: nothing is loaded again.
        int settled = servers.callsFor(acmeModel).size();
        assertThat(pass(servers.targets())).isZero();
        assertThat(servers.callsFor(acmeModel)).hasSize(settled);
    }

    @Test
    void aServerThatFailsToLoadIsLeftOutAndTriedAgainOnTheNextPass() {
        RegistryApi.register("acme", "retried");
        RegistryApi.setAlias("acme", "retried", "production", 1);
        String first = servers.targets().get(0);
        String second = servers.targets().get(1);
        pass(List.of(first));

        servers.failOn(second);
        assertThat(pass(servers.targets())).isPositive();
        backends("acme", "retried").then().body("backends", contains(first));

        servers.recover();
        assertThat(pass(servers.targets())).isZero();
        backends("acme", "retried").then().body("backends", containsInAnyOrder(first, second));
    }

    @Test
    void aServerThatCameBackEmptyLoadsItsModelsAgain() {
        RegistryApi.register("acme", "reloaded");
        RegistryApi.setAlias("acme", "reloaded", "production", 1);
        String servingName = RegistryApi.servingName("acme", "reloaded");
        String second = servers.targets().get(1);
        int callsBefore = servers.callsFor(servingName).size();
        Caller registry = new Caller(PlacementReconciler.SUBJECT, "acme", Set.of(Caller.TENANT_MEMBER), null, null);

        assertThat(outsideTheTest(() -> TenantWork.callAs(registry,
                () -> deployer.follow("reloaded", servers.targets(), Set.of(second)))))
                .isTrue();

        assertThat(servers.callsFor(servingName).subList(callsBefore, servers.callsFor(servingName).size()))
                .containsExactly(new FakeModelServers.Call(second, "load", servingName));
        backends("acme", "reloaded").then().body("backends", containsInAnyOrder(servers.targets().toArray()));
    }

    /** A pass as the reconciler's thread runs it: outside the request context every test method runs in. */
    private int pass(List<String> targets) {
        return outsideTheTest(() -> reconciler.pass(targets));
    }

    private static <T> T outsideTheTest(Supplier<T> work) {
        try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
            return thread.submit(work::get).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static Response backends(String tenant, String model) {
        return as(tenant).get("/v1/models/" + model + "/serving");
    }
}
