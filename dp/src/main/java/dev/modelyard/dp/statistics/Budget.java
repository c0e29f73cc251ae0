package dev.modelyard.dp.statistics;

import dev.modelyard.dp.PrivacyCost;
import dev.modelyard.dp.mechanism.DiscreteGaussianMechanism;
import dev.modelyard.dp.mechanism.DiscreteLaplaceMechanism;
import dev.modelyard.dp.mechanism.ExactSampler;
import dev.modelyard.dp.mechanism.Granularity;
import dev.modelyard.dp.mechanism.NoiseMechanism;

/** What one statistic may spend, and so which noise it adds. */
public sealed interface Budget {

    /** ε-DP with discrete Laplace noise, calibrated to the L1 sensitivity. */
    record Laplace(double epsilon) implements Budget {
        public Laplace {
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be a positive number");
            }
        }

        @Override
        public PrivacyCost cost() {
            return PrivacyCost.pure(epsilon);
        }

        @Override
        public Budget share(int parts) {
            return new Laplace(epsilon / parts);
        }

        @Override
        public NoiseMechanism mechanism(double l1Sensitivity, double l2Sensitivity, Granularity granularity, ExactSampler sampler) {
            return new DiscreteLaplaceMechanism(epsilon, l1Sensitivity, granularity, sampler);
        }
    }

    /** (ε, δ)-DP with discrete Gaussian noise, calibrated to the L2 sensitivity through zCDP. */
    record Gaussian(double epsilon, double delta) implements Budget {
        public Gaussian {
            if (!(epsilon > 0) || Double.isInfinite(epsilon) || !(delta > 0 && delta < 1)) {
                throw new IllegalArgumentException("epsilon must be a positive number and delta in (0, 1)");
            }
        }

        @Override
        public PrivacyCost cost() {
            return new PrivacyCost(epsilon, delta);
        }

        @Override
        public Budget share(int parts) {
            return new Gaussian(epsilon / parts, delta / parts);
        }

        @Override
        public NoiseMechanism mechanism(double l1Sensitivity, double l2Sensitivity, Granularity granularity, ExactSampler sampler) {
            return DiscreteGaussianMechanism.approximateDp(epsilon, delta, l2Sensitivity, granularity, sampler);
        }
    }

    PrivacyCost cost();

    /** An equal share for each of {@code parts} releases on the same data, whose costs add up (basic composition). */
    Budget share(int parts);

    /** Noise for a query with these sensitivities (for neighbours that differ by one row added or removed). */
    NoiseMechanism mechanism(double l1Sensitivity, double l2Sensitivity, Granularity granularity, ExactSampler sampler);
}
