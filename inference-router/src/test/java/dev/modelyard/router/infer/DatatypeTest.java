package dev.modelyard.router.infer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatatypeTest {

    @Test
    void findsEachDatatypeByItsExactNameOnly() {
        for (Datatype type : Datatype.values()) {
            assertThat(Datatype.of(type.name())).contains(type);
        }
        assertThat(Datatype.of("fp32")).isEmpty();
        assertThat(Datatype.of("FP128")).isEmpty();
        assertThat(Datatype.of("")).isEmpty();
        assertThat(Datatype.of(null)).isEmpty();
    }
}
