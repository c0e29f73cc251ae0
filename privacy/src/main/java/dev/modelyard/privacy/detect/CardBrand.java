package dev.modelyard.privacy.detect;

import java.util.random.RandomGenerator;

/** Major card brands by their issuer number (IIN) ranges and the lengths they issue. */
enum CardBrand {
    VISA(new int[][] {{4, 4}}, 13, 16, 19),
    MASTERCARD(new int[][] {{51, 55}, {2221, 2720}}, 16),
    AMEX(new int[][] {{34, 34}, {37, 37}}, 15),
    DISCOVER(new int[][] {{6011, 6011}, {644, 649}, {65, 65}, {622126, 622925}}, 16, 17, 18, 19),
    JCB(new int[][] {{3528, 3589}}, 16, 17, 18, 19),
    DINERS(new int[][] {{300, 305}, {36, 36}, {38, 39}}, 14, 15, 16, 17, 18, 19),
    UNIONPAY(new int[][] {{62, 62}}, 16, 17, 18, 19);

    /** Inclusive prefix ranges; both ends of a range have the same number of digits. */
    private final int[][] ranges;
    private final int[] lengths;

    CardBrand(int[][] ranges, int... lengths) {
        this.ranges = ranges;
        this.lengths = lengths;
    }

    /** The brand of a digits-only number, or null; Discover's ranges inside UnionPay's 62 are checked first. */
    static CardBrand of(String digits) {
        for (CardBrand brand : values()) {
            if (brand.issues(digits)) {
                return brand;
            }
        }
        return null;
    }

    /** A prefix inside one of the brand's ranges and a length it issues, for generating test data. */
    String samplePrefix(RandomGenerator random) {
        int[] range = ranges[random.nextInt(ranges.length)];
        return String.valueOf(random.nextInt(range[0], range[1] + 1));
    }

    int sampleLength(RandomGenerator random) {
        return lengths[random.nextInt(lengths.length)];
    }

    private boolean issues(String digits) {
        boolean lengthFits = false;
        for (int length : lengths) {
            lengthFits |= digits.length() == length;
        }
        if (!lengthFits) {
            return false;
        }
        for (int[] range : ranges) {
            int width = String.valueOf(range[0]).length();
            int prefix = Integer.parseInt(digits, 0, width, 10);
            if (prefix >= range[0] && prefix <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
