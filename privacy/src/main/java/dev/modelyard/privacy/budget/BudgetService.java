package dev.modelyard.privacy.budget;

import static dev.modelyard.privacy.budget.PrivacyAmount.checked;
import static dev.modelyard.privacy.budget.PrivacyAmount.plain;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.privacy.file.StoredFileRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The privacy budgets of the caller's tenant: a file's budget and the tenant's, which every reservation needs
 * room in. Every change locks both rows for its transaction, so concurrent reservations queue on the rows instead
 * of both seeing the same room. A reservation's settlement (commit, refund, expiry) locks the reservation first,
 * so of a commit and an expiry racing each other exactly one happens.
 */
@ApplicationScoped
public class BudgetService {

    private final BudgetRepository budgets;
    private final StoredFileRepository files;
    private final BudgetConfig config;
    private final TenantContext tenantContext;

    public BudgetService(BudgetRepository budgets, StoredFileRepository files, BudgetConfig config,
                         TenantContext tenantContext) {
        this.budgets = budgets;
        this.files = files;
        this.config = config;
        this.tenantContext = tenantContext;
    }

    @Transactional
    public BudgetView fileBudget(String fileId) {
        requireFile(fileId);
        return BudgetView.of(current(fileId), current(null));
    }

    @Transactional
    public BudgetView tenantBudget() {
        return BudgetView.of(current(null));
    }

    @Transactional
    public ListPage<BudgetEventView> events(String fileId, PageRequest page) {
        requireFile(fileId);
        return ListPage.of(budgets.events(fileId, page), page.limit(), BudgetEventView::of, event -> event.id);
    }

    /** New totals for the file's budget, never below what is already spent or reserved. */
    @Transactional
    public BudgetView limit(String fileId, LimitsRequest request) {
        requireFile(fileId);
        if (request == null) {
            throw PlatformException.badRequest("The request has no body");
        }
        LockedBudgets locked = lock(fileId);
        PrivacyBudget file = locked.file();
        PrivacyAmount totals = new PrivacyAmount(
                checked("epsilon_total", request.epsilonTotal() == null ? file.epsilon.total : request.epsilonTotal()),
                checked("delta_total", request.deltaTotal() == null ? file.delta.total : request.deltaTotal()));
        if (!file.canLimitTo(totals)) {
            throw PlatformException.conflict("File " + fileId + " has already spent or reserved epsilon "
                    + plain(file.epsilon.committed()) + " and delta " + plain(file.delta.committed())
                    + "; its totals cannot be lower");
        }
        file.limitTo(totals);
        budgets.persist(BudgetEvent.limitsSet(fileId, totals, subject()));
        return BudgetView.of(file, locked.tenant());
    }

    /** @throws PlatformException 409 {@code budget-exceeded} when the file's or the tenant's budget lacks room */
    @Transactional
    public ReservationView reserve(String fileId, ReserveRequest request) {
        requireFile(fileId);
        if (request == null || request.purpose() == null || request.purpose().isBlank()) {
            throw PlatformException.badRequest("The reservation has no purpose",
                    FieldError.field("purpose", "is required"));
        }
        PrivacyAmount amount = new PrivacyAmount(checked("epsilon", request.epsilon()),
                checked("delta", request.delta() == null ? BigDecimal.ZERO : request.delta()));
        Duration ttl = ttl(request.ttlSeconds());
        LockedBudgets locked = lock(fileId);
        requireRoom(locked.file(), amount, "file " + fileId);
        requireRoom(locked.tenant(), amount, "the tenant");
        locked.tenant().reserve(amount);
        locked.file().reserve(amount);
        BudgetReservation reservation = BudgetReservation.of(fileId, amount, request.purpose(), request.reference(),
                subject(), ttl);
        budgets.persist(reservation);
        budgets.persist(BudgetEvent.of(BudgetEvent.Action.RESERVE, reservation, amount, subject()));
        return ReservationView.of(reservation);
    }

    /**
     * Spends what the computation used and releases the rest; committing again changes nothing.
     *
     * @throws PlatformException 409 {@code reservation-expired} once the reservation's time is up, swept or not
     */
    @Transactional
    public ReservationView commit(String reservationId, CommitRequest request) {
        BudgetReservation reservation = lockForSettlement(reservationId);
        if (reservation.status == BudgetReservation.Status.COMMITTED) {
            return ReservationView.of(reservation);
        }
        if (reservation.status == BudgetReservation.Status.REFUNDED) {
            throw PlatformException.conflict("Reservation " + reservationId + " was refunded; it cannot be committed");
        }
        requireNotExpired(reservation);
        PrivacyAmount held = reservation.held();
        PrivacyAmount spent = new PrivacyAmount(
                checked("epsilon", request == null || request.epsilon() == null ? held.epsilon() : request.epsilon()),
                checked("delta", request == null || request.delta() == null ? held.delta() : request.delta()));
        if (!spent.within(held)) {
            throw PlatformException.badRequest("A reservation cannot spend more than it holds: epsilon "
                    + plain(held.epsilon()) + " and delta " + plain(held.delta()),
                    FieldError.field(spent.epsilon().compareTo(held.epsilon()) > 0 ? "epsilon" : "delta",
                            "must be at most what was reserved"));
        }
        settle(reservation, spent);
        reservation.commit(spent);
        budgets.persist(BudgetEvent.of(BudgetEvent.Action.COMMIT, reservation, spent, subject()));
        return ReservationView.of(reservation);
    }

    /** Releases everything the reservation held; refunding again, or an expired reservation, changes nothing. */
    @Transactional
    public ReservationView refund(String reservationId) {
        BudgetReservation reservation = lockForSettlement(reservationId);
        if (reservation.status == BudgetReservation.Status.REFUNDED
                || reservation.status == BudgetReservation.Status.EXPIRED) {
            return ReservationView.of(reservation);
        }
        if (reservation.status == BudgetReservation.Status.COMMITTED) {
            throw PlatformException.conflict("Reservation " + reservationId + " was committed; it cannot be refunded");
        }
        settle(reservation, new PrivacyAmount(BigDecimal.ZERO, BigDecimal.ZERO));
        reservation.refund();
        budgets.persist(BudgetEvent.of(BudgetEvent.Action.REFUND, reservation, reservation.held(), subject()));
        return ReservationView.of(reservation);
    }

    /**
     * Moves the expiry of an unsettled reservation to {@code ttl_seconds} from now, for a computation that runs
     * longer than it planned.
     *
     * @throws PlatformException 409 when the reservation is settled or its time is already up
     */
    @Transactional
    public ReservationView extend(String reservationId, ExtendRequest request) {
        BudgetReservation reservation = lockForSettlement(reservationId);
        requireNotExpired(reservation);
        if (reservation.status != BudgetReservation.Status.RESERVED) {
            throw PlatformException.conflict("Reservation " + reservationId + " is "
                    + reservation.status.name().toLowerCase(Locale.ROOT) + "; only an unsettled one is extended");
        }
        reservation.expiresAt = DatabaseTime.now().plus(ttl(request == null ? null : request.ttlSeconds()));
        budgets.persist(BudgetEvent.of(BudgetEvent.Action.EXTEND, reservation, reservation.held(), subject()));
        return ReservationView.of(reservation);
    }

    /**
     * Gives back the budget of a reservation whose time is up and that nobody settled, as the sweeper does; one
     * settled meanwhile, or extended, is left alone.
     *
     * @return whether it expired the reservation
     */
    @Transactional
    public boolean expireIfDue(String reservationId) {
        BudgetReservation reservation = budgets.lockReservation(reservationId).orElse(null);
        if (reservation == null || !reservation.isDue(DatabaseTime.now())) {
            return false;
        }
        settle(reservation, new PrivacyAmount(BigDecimal.ZERO, BigDecimal.ZERO));
        reservation.expire();
        budgets.persist(BudgetEvent.of(BudgetEvent.Action.EXPIRE, reservation, reservation.held(), subject()));
        return true;
    }

    /** A reservation whose time is up cannot be used, even before the sweeper has given its budget back. */
    private static void requireNotExpired(BudgetReservation reservation) {
        if (reservation.status == BudgetReservation.Status.EXPIRED || reservation.isDue(DatabaseTime.now())) {
            throw new PlatformException(409, "reservation-expired", "Reservation expired", "Reservation "
                    + reservation.id + " expired at " + reservation.expiresAt + " and its budget was given back; "
                    + "reserve again, and extend a reservation that may outlive its expiry");
        }
    }

    /** The lifetime asked for, or the default; @throws PlatformException 400 outside 1 s to the maximum */
    private Duration ttl(Long ttlSeconds) {
        if (ttlSeconds == null) {
            return config.reservationTtl();
        }
        long max = config.maxReservationTtl().toSeconds();
        if (ttlSeconds < 1 || ttlSeconds > max) {
            throw PlatformException.badRequest("ttl_seconds must be between 1 and " + max,
                    FieldError.field("ttl_seconds", "must be between 1 and " + max));
        }
        return Duration.ofSeconds(ttlSeconds);
    }

    /** Only a service settles: a member refunding a running job's reservation could spend the budget twice. */
    private BudgetReservation lockForSettlement(String reservationId) {
        return budgets.lockReservation(reservationId)
                .orElseThrow(() -> PlatformException.notFound("Budget reservation", reservationId));
    }

    private void settle(BudgetReservation reservation, PrivacyAmount spent) {
        LockedBudgets locked = lock(reservation.fileId);
        locked.tenant().settle(reservation.held(), spent);
        locked.file().settle(reservation.held(), spent);
    }

    /** The tenant's budget first, then the file's: with one order for every transaction, none can deadlock. */
    private LockedBudgets lock(String fileId) {
        PrivacyBudget tenant = budgets.lock(fresh(null));
        return new LockedBudgets(tenant, budgets.lock(fresh(fileId)));
    }

    private record LockedBudgets(PrivacyBudget tenant, PrivacyBudget file) {
    }

    private static void requireRoom(PrivacyBudget budget, PrivacyAmount amount, String owner) {
        if (!budget.covers(amount)) {
            throw new PlatformException(409, "budget-exceeded", "Privacy budget exceeded", "The privacy budget of "
                    + owner + " has epsilon " + plain(budget.epsilon.remaining()) + " and delta "
                    + plain(budget.delta.remaining()) + " remaining; the reservation asks for epsilon "
                    + plain(amount.epsilon()) + " and delta " + plain(amount.delta()));
        }
    }

    /** The budget as it stands, or as it starts when nothing has touched it yet. */
    private PrivacyBudget current(String fileId) {
        return budgets.find(fileId).orElseGet(() -> fresh(fileId));
    }

    private PrivacyBudget fresh(String fileId) {
        PrivacyAmount limits = fileId == null ? new PrivacyAmount(config.tenantEpsilon(), config.tenantDelta())
                : new PrivacyAmount(config.fileEpsilon(), config.fileDelta());
        return PrivacyBudget.fresh(tenantContext.tenant(), fileId, limits);
    }

    private void requireFile(String fileId) {
        if (files.findByIdOptional(fileId).isEmpty()) {
            throw PlatformException.notFound("File", fileId);
        }
    }

    private String subject() {
        return tenantContext.caller().subject();
    }
}
