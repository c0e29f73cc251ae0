package dev.modelyard.privacy.accounting;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.dp.accounting.NoiseCalibration;
import dev.modelyard.dp.accounting.OutOfBudgetException;
import dev.modelyard.dp.accounting.RdpAccountant;
import dev.modelyard.dp.accounting.SampledGaussian;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;

/**
 * The DP-SGD accountant for people planning a training: {@code /v1/privacy/epsilon} says what a
 * training spends, {@code /v1/privacy/noise} how much noise a target ε needs. The same accountant,
 * with the same orders and conversion, decides what the built-in trainer spends.
 */
@Path("/v1/privacy")
@RolesAllowed(Caller.TENANT_MEMBER)
public class AccountingResource {

    /** Beyond this the noise swamps any batch the platform trains on; the trainer refuses the same. */
    private static final double MAX_NOISE_MULTIPLIER = 100;
    private static final double RELATIVE_TOLERANCE = 1e-4;

    private final RdpAccountant accountant = new RdpAccountant();
    private final NoiseCalibration calibration = new NoiseCalibration(accountant, MAX_NOISE_MULTIPLIER, RELATIVE_TOLERANCE);

    public record EpsilonAnswer(String object, double epsilon, double order, double delta) {
    }

    public record NoiseAnswer(String object, double noiseMultiplier, double epsilon, double order) {
    }

    @POST
    @Path("/epsilon")
    public EpsilonAnswer epsilon(@Valid @NotNull AccountingRequests.Epsilon request) {
        RdpAccountant.Epsilon spent = accountant.epsilon(
                new SampledGaussian(request.sampleRate(), request.noiseMultiplier(), request.steps()), request.delta());
        return new EpsilonAnswer("privacy.epsilon", spent.epsilon(), spent.order(), request.delta());
    }

    @POST
    @Path("/noise")
    public NoiseAnswer noise(@Valid @NotNull AccountingRequests.Noise request) {
        try {
            double noise = calibration.noiseMultiplier(request.targetEpsilon(), request.delta(), request.sampleRate(),
                    request.steps());
            RdpAccountant.Epsilon spent = accountant.epsilon(
                    new SampledGaussian(request.sampleRate(), noise, request.steps()), request.delta());
            return new NoiseAnswer("privacy.noise", noise, spent.epsilon(), spent.order());
        } catch (OutOfBudgetException e) {
            throw new PlatformException(422, "target-unreachable", "Target epsilon cannot be met",
                    "No noise multiplier up to " + MAX_NOISE_MULTIPLIER + " keeps " + request.steps()
                            + " steps within epsilon " + request.targetEpsilon(),
                    List.of(FieldError.field("target_epsilon", "is too small for these steps")), Map.of());
        }
    }
}
