package dev.modelyard.dp.accounting;

/** How RDP ε(α) at one order α becomes an (ε, δ) guarantee. */
public enum RdpConversion {
    /**
     * Balle et al. 2020, "Hypothesis testing interpretations and Rényi differential privacy", Thm. 21:
     * ε = rdp + log((α−1)/α) − (log δ + log α)/(α−1). Always at least as tight as the classic one; Opacus and the
     * current TensorFlow Privacy use it.
     */
    TIGHT_BALLE_2020 {
        @Override
        double epsilon(double order, double rdp, double delta) {
            return rdp - (Math.log(delta) + Math.log(order)) / (order - 1) + Math.log((order - 1) / order);
        }
    },
    /**
     * Mironov 2017, "Rényi differential privacy", Prop. 3: ε = rdp + log(1/δ)/(α−1). The bound of the moments
     * accountant of Abadi et al. 2016 and of TensorFlow Privacy's get_privacy_spent until 2020, so published
     * figures of that time are reproduced with it.
     */
    CLASSIC_MIRONOV_2017 {
        @Override
        double epsilon(double order, double rdp, double delta) {
            return rdp - Math.log(delta) / (order - 1);
        }
    };

    abstract double epsilon(double order, double rdp, double delta);
}
