package dev.modelyard.gateway.billing;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.gateway.apikey.Scopes;
import dev.modelyard.gateway.auth.Admission;
import dev.modelyard.gateway.auth.GatewayAuthMechanism;
import dev.modelyard.gateway.tenant.Plan;
import dev.modelyard.gateway.tenant.Tenant;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * {@code /v1/invoices/preview}: what the tenant's usage in a period costs on its current plan. Usage
 * comes from the inference router; prices from the plan, which the gateway owns.
 */
@Path("/v1/invoices/preview")
public class InvoiceResource {

    private final TenantContext context;
    private final SecurityIdentity identity;
    private final UsageClient usage;
    private final EntityManager entities;

    public InvoiceResource(TenantContext context, SecurityIdentity identity, UsageClient usage, EntityManager entities) {
        this.context = context;
        this.identity = identity;
        this.usage = usage;
        this.entities = entities;
    }

    public record Period(long from, long to) {
    }

    public record Preview(String object, String tenant, String plan, String currency, Period period,
                          BigDecimal pricePer1kInferences, BigDecimal pricePerComputeSecond,
                          List<InvoicePricing.PricedLine> lines,
                          BigDecimal subtotal, BigDecimal totalDue) {
    }

    /** {@code from} and {@code to} are Unix seconds; the default period is the current calendar month (UTC). */
    @GET
    @RolesAllowed(Caller.TENANT_MEMBER)
    public Preview preview(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        Admission admission = identity.getAttribute(GatewayAuthMechanism.ADMISSION);
        if (admission != null && !Scopes.allows(admission.scopes(), "usage")) {
            throw PlatformException.forbidden("This API key lacks the 'usage' scope");
        }
        Instant end = to == null ? Instant.now() : Instant.ofEpochSecond(to);
        Instant start = from == null
                ? ZonedDateTime.ofInstant(end, ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.ofEpochSecond(from);
        if (!start.isBefore(end)) {
            throw PlatformException.badRequest("The period is empty", FieldError.field("from", "must be before 'to'"));
        }
        Caller caller = context.caller();
        Plan plan = entities.find(Tenant.class, caller.tenant()).plan;
        InvoicePricing.Priced priced = InvoicePricing.price(usage.perModel(caller, start, end),
                new InvoicePricing.Prices(plan.pricePer1kInferences, plan.pricePerComputeSecond));
        return new Preview("invoice.preview", caller.tenant(), plan.id, "usd",
                new Period(start.getEpochSecond(), end.getEpochSecond()), plan.pricePer1kInferences,
                plan.pricePerComputeSecond, priced.lines(), priced.subtotal(), priced.totalDue());
    }
}
