package dev.modelyard.privacy.budget;

/**
 * A budget as the API shows it. A file's budget carries its tenant's as {@code tenant}, since a reservation
 * needs room in both.
 */
public record BudgetView(String object, String file, AllowanceView epsilon, AllowanceView delta, BudgetView tenant) {

    public record AllowanceView(double total, double spent, double reserved, double remaining) {

        static AllowanceView of(Allowance allowance) {
            return new AllowanceView(allowance.total.doubleValue(), allowance.spent.doubleValue(),
                    allowance.reserved.doubleValue(), allowance.remaining().doubleValue());
        }
    }

    static BudgetView of(PrivacyBudget budget) {
        return new BudgetView("privacy.budget", budget.fileId, AllowanceView.of(budget.epsilon),
                AllowanceView.of(budget.delta), null);
    }

    static BudgetView of(PrivacyBudget file, PrivacyBudget tenant) {
        BudgetView own = of(file);
        return new BudgetView(own.object, own.file, own.epsilon, own.delta, of(tenant));
    }
}
