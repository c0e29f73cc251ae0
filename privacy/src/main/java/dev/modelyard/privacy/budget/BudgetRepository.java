package dev.modelyard.privacy.budget;

import dev.modelyard.common.page.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** Budgets, reservations and budget events of the current tenant. */
@ApplicationScoped
public class BudgetRepository {

    private final EntityManager entities;

    public BudgetRepository(EntityManager entities) {
        this.entities = entities;
    }

    /** The file's budget, or with a null file the tenant's, if anything has touched it yet. */
    public Optional<PrivacyBudget> find(String fileId) {
        return budgetQuery(fileId).getResultStream().findFirst();
    }

    /**
     * The budget {@code fresh} stands for, locked until the transaction ends; stored first if it is not yet. Two
     * first uses at once both insert and the unique index keeps one row, which both then wait to lock.
     */
    public PrivacyBudget lock(PrivacyBudget fresh) {
        return lockExisting(fresh.fileId).orElseGet(() -> {
            insertIfAbsent(fresh);
            return lockExisting(fresh.fileId).orElseThrow();
        });
    }

    public Optional<BudgetReservation> lockReservation(String id) {
        return Optional.ofNullable(entities.find(BudgetReservation.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void persist(Object entity) {
        entities.persist(entity);
    }

    /** A page of the file's budget events, newest first, fetching one more than the page (see {@code ListPage.of}). */
    public List<BudgetEvent> events(String fileId, PageRequest page) {
        var query = page.after() == null
                ? entities.createQuery("from BudgetEvent where fileId = :file order by seq desc", BudgetEvent.class)
                : entities.createQuery("from BudgetEvent where fileId = :file and seq < "
                        + "(select e.seq from BudgetEvent e where e.id = :after) order by seq desc", BudgetEvent.class)
                        .setParameter("after", page.after());
        return query.setParameter("file", fileId).setMaxResults(page.fetchSize()).getResultList();
    }

    private Optional<PrivacyBudget> lockExisting(String fileId) {
        return budgetQuery(fileId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    private TypedQuery<PrivacyBudget> budgetQuery(String fileId) {
        return fileId == null
                ? entities.createQuery("from PrivacyBudget where fileId is null", PrivacyBudget.class)
                : entities.createQuery("from PrivacyBudget where fileId = :file", PrivacyBudget.class)
                        .setParameter("file", fileId);
    }

    private void insertIfAbsent(PrivacyBudget budget) {
        entities.createNativeQuery("insert into {h-schema}privacy_budget (id, tenant_id, file_id, epsilon_total, "
                        + "epsilon_spent, epsilon_reserved, delta_total, delta_spent, delta_reserved, updated_at) "
                        + "values (:id, :tenant, cast(:file as text), :epsilon, 0, 0, :delta, 0, 0, :updated) "
                        + "on conflict do nothing")
                .setParameter("id", budget.id)
                .setParameter("tenant", budget.tenantId)
                .setParameter("file", budget.fileId)
                .setParameter("epsilon", budget.epsilon.total)
                .setParameter("delta", budget.delta.total)
                .setParameter("updated", budget.updatedAt)
                .executeUpdate();
    }
}
