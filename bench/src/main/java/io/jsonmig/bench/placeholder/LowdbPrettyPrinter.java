package io.jsonmig.bench.placeholder;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * Writes JSON as lowdb does ({@code JSON.stringify(data, null, 2)}): two-space indent, every object
 * member and array element on its own line, {@code "key": value}, empty arrays and objects as
 * {@code []} and {@code {}}, {@code \n} line ends whatever the platform.
 */
public final class LowdbPrettyPrinter extends DefaultPrettyPrinter {

    private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");

    public LowdbPrettyPrinter() {
        super(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("")
                .withRootSeparator(""));
        indentArraysWith(TWO_SPACES);
        indentObjectsWith(TWO_SPACES);
    }

    private LowdbPrettyPrinter(LowdbPrettyPrinter base) {
        super(base);
    }

    @Override
    public LowdbPrettyPrinter createInstance() {
        return new LowdbPrettyPrinter(this);
    }
}
