package io.jsonmig.mappingplan.load;

/**
 * How to read values that cannot be told apart by looking at them. The mapping plan sets these per
 * column ({@code epoch}, {@code binary}); a column it does not set them for gets {@link #DEFAULTS}.
 *
 * @param epochUnit what a number means in a timestamp column
 * @param binary    how a string in a {@code bytea} column is encoded
 */
public record ValueOptions(EpochUnit epochUnit, BinaryEncoding binary) {

    public enum EpochUnit { MILLISECONDS, SECONDS }

    public enum BinaryEncoding {
        /** not declared: a {@code bytea} column refuses strings, since nothing says how they encode bytes */
        UNDECLARED,
        BASE64
    }

    public static final ValueOptions DEFAULTS = new ValueOptions(EpochUnit.MILLISECONDS, BinaryEncoding.UNDECLARED);
}
