package io.jsonmig.verification.check;

import io.jsonmig.verification.value.ValueKind;

import java.math.BigDecimal;
import java.util.Comparator;

/** Adds up {@link ColumnFigures} of one column from canonical values, one row at a time. */
public final class FiguresTally {

    private final ValueKind kind;
    private final Comparator<String> order;
    private long nulls;
    private BigDecimal sum;
    private String min;
    private String max;
    private long textLength;

    public FiguresTally(ValueKind kind) {
        this.kind = kind;
        this.order = switch (kind) {
            case INTEGER, NUMERIC -> Comparator.comparing(BigDecimal::new);
            case FLOAT4, FLOAT8 -> Comparator.comparingDouble(Double::parseDouble);
            default -> Comparator.naturalOrder(); // canonical date-times sort as text
        };
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
        if (kind.summable()) {
            sum = sum.add(new BigDecimal(canonical));
        }
        if (kind.ordered()) {
            if (min == null || order.compare(canonical, min) < 0) {
                min = canonical;
            }
            if (max == null || order.compare(canonical, max) > 0) {
                max = canonical;
            }
        }
        if (kind.textual()) {
            textLength += canonical.codePointCount(0, canonical.length());
        }
    }

    public ColumnFigures figures() {
        return new ColumnFigures(nulls, sum == null ? null : plain(sum), kind.ordered() ? min : null,
                kind.ordered() ? max : null, kind.textual() ? textLength : null);
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
