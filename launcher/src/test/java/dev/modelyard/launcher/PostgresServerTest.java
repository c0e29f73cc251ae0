package dev.modelyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void theLocalServerOn5432ByDefault() {
        PostgresServer server = PostgresServer.configured(Map.of());

        assertThat(server).isEqualTo(new PostgresServer("127.0.0.1", 5432, "postgres", "", false));
        assertThat(server.jdbcUrl("modelyard")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/modelyard");
    }

    @Test
    void theEnvironmentNamesAnotherServer() {
        PostgresServer server = PostgresServer.configured(Map.of("MODELYARD_PG_HOST", "db.internal",
                "MODELYARD_PG_PORT", "6543", "MODELYARD_PG_SUPERUSER", "admin", "MODELYARD_PG_PASSWORD", "secret"));

        assertThat(server).isEqualTo(new PostgresServer("db.internal", 6543, "admin", "secret", false));
    }

    @Test
    void aBadPortIsReportedPlainly() {
        assertThatThrownBy(() -> PostgresServer.configured(Map.of("MODELYARD_PG_PORT", "five")))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("MODELYARD_PG_PORT");
    }

    @Test
    void theEmbeddedServerHasItsOwnPort() {
        assertThat(PostgresServer.embeddedServer().jdbcUrl("modelyard")).isEqualTo("jdbc:postgresql://127.0.0.1:54329/modelyard");
    }
}
