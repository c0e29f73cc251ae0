package dev.modelyard.privacy.budget;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.tenant.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * {@code /v1/budget/reservations/{id}}: how a service settles the budget it reserved once its work has ended,
 * or extends a reservation its work still needs. Commit and refund may be repeated; the second changes
 * nothing. Only the platform's services may call them: a person refunding a running training's reservation
 * could otherwise spend the budget twice.
 */
@Path("/v1/budget/reservations/{id}")
@RolesAllowed(Caller.TENANT_MEMBER)
public class ReservationResource {

    private static final String SERVICE_SUBJECT_PREFIX = "service:";

    private final BudgetService service;
    private final TenantContext context;

    public ReservationResource(BudgetService service, TenantContext context) {
        this.service = service;
        this.context = context;
    }

    @POST
    @Path("/commit")
    public ReservationView commit(@PathParam("id") String id, CommitRequest request) {
        requireService();
        return service.commit(id, request);
    }

    @POST
    @Path("/refund")
    public ReservationView refund(@PathParam("id") String id) {
        requireService();
        return service.refund(id);
    }

    @POST
    @Path("/extend")
    public ReservationView extend(@PathParam("id") String id, ExtendRequest request) {
        requireService();
        return service.extend(id, request);
    }

    private void requireService() {
        if (!context.caller().subject().startsWith(SERVICE_SUBJECT_PREFIX)) {
            throw PlatformException.forbidden("Only the platform's services commit, refund or extend budget reservations");
        }
    }
}
