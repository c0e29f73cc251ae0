package dev.modelyard.training.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelReferenceTest {

    @Test
    void readsTheFormsOfAModelReference() {
        assertThat(ModelReference.parse("tabular-classifier")).hasValueSatisfying(ref -> assertThat(ref.isFromScratch()).isTrue());
        assertThat(ModelReference.parse("churn")).contains(new ModelReference("churn", "production", null));
        assertThat(ModelReference.parse("churn@staging")).contains(new ModelReference("churn", "staging", null));
        assertThat(ModelReference.parse("churn@3")).contains(new ModelReference("churn", null, 3));
        assertThat(ModelReference.parse("churn@3").orElseThrow()).hasToString("churn@3");
    }

    @Test
    void refusesWhatIsNotOne() {
        assertThat(ModelReference.parse(null)).isEmpty();
        assertThat(ModelReference.parse("")).isEmpty();
        assertThat(ModelReference.parse("churn@")).isEmpty();
        assertThat(ModelReference.parse("churn@0")).isEmpty();
        assertThat(ModelReference.parse("a@b@c")).isEmpty();
        assertThat(ModelReference.parse("../etc@1")).isEmpty();
        assertThat(ModelReference.parse("has space")).isEmpty();
    }
}
