package dev.modelyard.router.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import org.junit.jupiter.api.Test;

class ModelReferenceTest {

    @Test
    void aBareNameMeansTheProductionAlias() {
        assertThat(ModelReference.parse("churn", null)).isEqualTo(new ModelReference("churn", "production"));
        assertThat(ModelReference.parse("churn", "")).isEqualTo(new ModelReference("churn", "production"));
    }

    @Test
    void anAliasOrVersionFollowsTheAt() {
        assertThat(ModelReference.parse("churn@staging", null)).isEqualTo(new ModelReference("churn", "staging"));
        assertThat(ModelReference.parse("churn@3", "")).isEqualTo(new ModelReference("churn", "3"));
    }

    @Test
    void aVersionMayBeNamedSeparately() {
        assertThat(ModelReference.parse("churn", "3")).isEqualTo(new ModelReference("churn", "3"));
    }

    @Test
    void refusesAmbiguousOrMalformedReferences() {
        assertField(() -> ModelReference.parse("churn@staging", "3"), "version");
        assertField(() -> ModelReference.parse("churn", "latest"), "version");
        assertField(() -> ModelReference.parse("churn@", null), "name");
        assertField(() -> ModelReference.parse("@3", null), "name");
        assertField(() -> ModelReference.parse("a@b@c", null), "name");
        assertField(() -> ModelReference.parse(" ", null), "name");
    }

    private static void assertField(Runnable parse, String field) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors().getFirst().field()).isEqualTo(field);
        });
    }
}
