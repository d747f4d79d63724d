package io.jsonmig.cli.watch;

/**
 * A bar of a fixed width filled to a fraction: block characters with eighths of a cell where the
 * output can show them, {@code [####....]} where it cannot.
 */
final class ProgressBar {

    /** How bars (and cut text) are drawn. */
    enum Glyphs {
        UNICODE("█", "░", "…"),
        ASCII("#", ".", "~");

        private static final String EIGHTHS = " ▏▎▍▌▋▊▉";

        private final String full;
        private final String empty;
        private final String ellipsis;

        Glyphs(String full, String empty, String ellipsis) {
            this.full = full;
            this.empty = empty;
            this.ellipsis = ellipsis;
        }

        /** What ends a text cut to fit its column. */
        String ellipsis() {
            return ellipsis;
        }
    }

    private ProgressBar() {
    }

    /**
     * @param fraction 0 to 1 (clamped); not a number draws an empty track, as for a phase not started
     * @param width    the bar's columns, brackets included
     */
    static String of(double fraction, int width, Glyphs glyphs) {
        if (glyphs == Glyphs.ASCII) {
            int cells = Math.max(1, width - 2);
            int filled = Double.isNaN(fraction) ? 0 : (int) Math.floor(clamp(fraction) * cells + 1e-9);
            return "[" + glyphs.full.repeat(filled) + glyphs.empty.repeat(cells - filled) + "]";
        }
        int cells = Math.max(1, width);
        if (Double.isNaN(fraction)) {
            return glyphs.empty.repeat(cells);
        }
        int eighths = (int) Math.floor(clamp(fraction) * cells * 8 + 1e-9);
        int filled = eighths / 8;
        int partial = eighths % 8;
        StringBuilder bar = new StringBuilder(glyphs.full.repeat(filled));
        if (filled < cells) {
            bar.append(partial == 0 ? glyphs.empty : Glyphs.EIGHTHS.charAt(partial));
            bar.append(glyphs.empty.repeat(cells - filled - 1));
        }
        return bar.toString();
    }

    private static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }
}
