package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnClassifierTest {

    @Test
    void settlesOnATypeAsSoonAsItHoldsTheMajorityOfTheSample() {
        ColumnClassifier classifier = new ColumnClassifier(10, 0.6);
        for (int i = 0; i < 5; i++) {
            classifier.observe("EMAIL_ADDRESS");
        }
        classifier.observe(null);
        assertThat(classifier.type()).isNull();
        classifier.observe("EMAIL_ADDRESS");
        assertThat(classifier.type()).isEqualTo("EMAIL_ADDRESS");
        assertThat(classifier.isLearning()).isFalse();
    }

    @Test
    void staysUnclassifiedWhenNoTypeReachesTheMajority() {
        ColumnClassifier classifier = new ColumnClassifier(4, 0.6);
        classifier.observe("PHONE_NUMBER");
        classifier.observe(null);
        classifier.observe("PHONE_NUMBER");
        classifier.observe("EMAIL_ADDRESS");
        assertThat(classifier.isLearning()).isFalse();
        classifier.observe("PHONE_NUMBER");
        assertThat(classifier.type()).isNull();
    }
}
