package io.jsonmig.backup.preflight;

/** Sizes as an operator reads them, with the exact byte count beside. */
public final class ByteSizes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSizes() {
    }

    /** Without the exact count: {@code 175.7 KiB}. */
    public static String brief(long bytes) {
        String described = describe(bytes);
        int exact = described.indexOf(" (");
        return exact < 0 ? described : described.substring(0, exact);
    }

    public static String describe(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s (%d bytes)", value, UNITS[unit], bytes);
    }
}
