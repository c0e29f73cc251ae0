package dev.modelyard.launcher;

import java.util.Locale;
import java.util.Random;

/**
 * A customer-churn table with the personal data real exports carry: e-mail addresses, phone numbers
 * and the odd IP address or card number in a free-text note. The label depends on the numeric
 * columns and on the plan (a categorical column the trainer one-hot encodes), so a classifier has
 * something to learn; the same seed gives the same bytes.
 */
public final class DemoDataset {

    public static final String LABEL_COLUMN = "churned";
    /** Basic customers churn more, pro customers less. */
    private static final String[] PLANS = {"basic", "plus", "pro"};
    private static final double[] PLAN_SCORES = {0.9, 0, -0.9};

    private static final String[] FIRST_NAMES = {"ana", "ben", "chen", "dana", "emil", "fatima", "gus", "hana", "ivan", "jo"};
    private static final String[] LAST_NAMES = {"meyer", "okafor", "silva", "tanaka", "novak", "haddad", "berg", "kim"};

    private DemoDataset() {
    }

    /** A CSV with a header row and {@code rows} customers. */
    public static String csv(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("customer_id,email,phone,age,monthly_spend,tenure_months,support_tickets,plan,notes,churned\n");
        for (int row = 0; row < rows; row++) {
            String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
            String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
            int age = 18 + random.nextInt(60);
            double spend = 10 + random.nextDouble() * 190;
            int tenure = 1 + random.nextInt(72);
            int tickets = random.nextInt(11);
            int plan = random.nextInt(PLANS.length);
            double score = 0.45 * tickets - 0.06 * tenure + 0.012 * (spend - 100) - 0.01 * (age - 45) + 0.8 + PLAN_SCORES[plan];
            boolean churned = 1 / (1 + Math.exp(-score * 1.5)) > random.nextDouble();
            csv.append(String.format(Locale.ROOT, "C%06d,%s.%s%d@example.com,+1 415 555 %04d,%d,%.2f,%d,%d,%s,%s,%s%n",
                    row, first, last, row, random.nextInt(10_000), age, spend, tenure, tickets, PLANS[plan],
                    note(random, first, row), churned ? "yes" : "no"));
        }
        return csv.toString();
    }

    /** Some notes carry personal data in free text, as support notes do. */
    private static String note(Random random, String first, int row) {
        return switch (random.nextInt(6)) {
            case 0 -> "\"asked to be called back, write to " + first + row + "@mail.example.org\"";
            case 1 -> "\"logged in from 203.0.113." + (row % 250) + "\"";
            case 2 -> "\"paid with card 4111 1111 1111 1111\"";
            default -> "\"no note\"";
        };
    }
}
