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

    /** The most leading digits any range reads. */
    static final int PREFIX_DIGITS = 6;
    private static final CardBrand[] BRANDS = values();

    /** Inclusive prefix ranges; both ends of a range have the same number of digits. */
    private final int[][] ranges;
    /** Per range, what divides a number's first {@link #PREFIX_DIGITS} digits down to the range's width. */
    private final int[] divisors;
    private final int[] lengths;

    CardBrand(int[][] ranges, int... lengths) {
        this.ranges = ranges;
        this.lengths = lengths;
        this.divisors = new int[ranges.length];
        for (int r = 0; r < ranges.length; r++) {
            int divisor = 1;
            for (int width = String.valueOf(ranges[r][0]).length(); width < PREFIX_DIGITS; width++) {
                divisor *= 10;
            }
            divisors[r] = divisor;
        }
    }

    /**
     * The brand of a number of {@code length} digits whose first {@link #PREFIX_DIGITS} are {@code leading}, or
     * null; Discover's ranges inside UnionPay's 62 are checked first.
     */
    static CardBrand of(int length, int leading) {
        for (CardBrand brand : BRANDS) {
            if (brand.issues(length, leading)) {
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

    private boolean issues(int length, int leading) {
        boolean lengthFits = false;
        for (int issued : lengths) {
            lengthFits |= length == issued;
        }
        if (!lengthFits) {
            return false;
        }
        for (int r = 0; r < ranges.length; r++) {
            int prefix = leading / divisors[r];
            if (prefix >= ranges[r][0] && prefix <= ranges[r][1]) {
                return true;
            }
        }
        return false;
    }
}
