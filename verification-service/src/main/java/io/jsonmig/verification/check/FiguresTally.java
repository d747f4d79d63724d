package io.jsonmig.verification.check;

import io.jsonmig.mappingplan.value.ValueKind;

import java.math.BigDecimal;

/**
 * Adds up {@link ColumnFigures} of one column from canonical values, one row at a time. Each value is
 * parsed at most once: integers are summed as {@code long} until they would overflow (then as
 * {@link BigDecimal}) and ordered by their canonical text (sign, length, digits), decimals and floats
 * compared with the parsed minimum and maximum kept beside their texts.
 */
public final class FiguresTally {

    private final ValueKind kind;
    private long nulls;
    private BigDecimal sum;
    private long longSum;
    private String min;
    private String max;
    private BigDecimal minDecimal;
    private BigDecimal maxDecimal;
    private double minDouble;
    private double maxDouble;
    private long textLength;
    private boolean mixed;

    public FiguresTally(ValueKind kind) {
        this.kind = kind;
        this.sum = kind.summable() ? BigDecimal.ZERO : null;
    }

    public void add(String canonical) {
        if (canonical == null) {
            nulls++;
            return;
        }
        if (canonical.startsWith("<")) {
            return; // not storable: counted by the schema check, shown by the row comparison
        }
        switch (kind) {
            case INTEGER -> addInteger(canonical);
            case NUMERIC -> addDecimal(new BigDecimal(canonical), canonical);
            case FLOAT4, FLOAT8 -> {
                double value = Double.parseDouble(canonical);
                if (min == null || Double.compare(value, minDouble) < 0) {
                    min = canonical;
                    minDouble = value;
                }
                if (max == null || Double.compare(value, maxDouble) > 0) {
                    max = canonical;
                    maxDouble = value;
                }
            }
            default -> {
                if (kind.ordered()) { // canonical date-times sort as text
                    if (min == null || canonical.compareTo(min) < 0) {
                        min = canonical;
                    }
                    if (max == null || canonical.compareTo(max) > 0) {
                        max = canonical;
                    }
                }
                if (kind.textual()) {
                    textLength += canonical.codePointCount(0, canonical.length());
                }
            }
        }
    }

    private void addInteger(String canonical) {
        if (mixed || !canonicalInteger(canonical)) {
            mixed = true; // from here on compared as decimals: min and max may not be canonical integers
            addDecimal(new BigDecimal(canonical), canonical);
            return;
        }
        if (canonical.length() <= 18) {
            long value = Long.parseLong(canonical);
            long added = longSum + value;
            if (((longSum ^ added) & (value ^ added)) < 0) { // overflow: carry the long part over
                sum = sum.add(BigDecimal.valueOf(longSum));
                longSum = value;
            } else {
                longSum = added;
            }
        } else {
            sum = sum.add(new BigDecimal(canonical));
        }
        if (min == null || compareIntegers(canonical, min) < 0) {
            min = canonical;
            minDecimal = null;
        }
        if (max == null || compareIntegers(canonical, max) > 0) {
            max = canonical;
            maxDecimal = null;
        }
    }

    private void addDecimal(BigDecimal value, String canonical) {
        sum = sum.add(value);
        if (min == null || value.compareTo(minDecimal()) < 0) {
            min = canonical;
            minDecimal = value;
        }
        if (max == null || value.compareTo(maxDecimal()) > 0) {
            max = canonical;
            maxDecimal = value;
        }
    }

    private BigDecimal minDecimal() {
        if (minDecimal == null) {
            minDecimal = new BigDecimal(min);
        }
        return minDecimal;
    }

    private BigDecimal maxDecimal() {
        if (maxDecimal == null) {
            maxDecimal = new BigDecimal(max);
        }
        return maxDecimal;
    }

    /** {@code 0}, or an optional {@code -} and digits without a leading zero: as {@code ColumnValues} writes integers. */
    static boolean canonicalInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int length = text.length();
        if (length == start || (text.charAt(start) == '0' && (length > start + 1 || start == 1))) {
            return length == 1 && start == 0;
        }
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Numeric order of two canonical integers, without parsing them. */
    static int compareIntegers(String a, String b) {
        boolean negativeA = a.charAt(0) == '-';
        boolean negativeB = b.charAt(0) == '-';
        if (negativeA != negativeB) {
            return negativeA ? -1 : 1;
        }
        int magnitude = a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        return negativeA ? -magnitude : magnitude;
    }

    public ColumnFigures figures() {
        return new ColumnFigures(nulls, sum == null ? null : plain(sum.add(BigDecimal.valueOf(longSum))),
                kind.ordered() ? min : null, kind.ordered() ? max : null, kind.textual() ? textLength : null);
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
