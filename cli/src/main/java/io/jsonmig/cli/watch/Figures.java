package io.jsonmig.cli.watch;

import java.time.Duration;
import java.util.Locale;

/** Numbers as the live screen shows them: short enough for one line of a bar, exact where it is cheap. */
final class Figures {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Figures() {
    }

    /** Whole percent, rounded down so that {@code 100%} means done: {@code "  0%"}, {@code " 60%"}, {@code "100%"}. */
    static String percent(double fraction) {
        double clamped = Math.max(0, Math.min(1, fraction));
        return String.format(Locale.ROOT, "%3d%%", (int) Math.floor(clamped * 100 + 1e-9));
    }

    /** Records: exact below 100,000, then {@code 120.0k}, {@code 1.2M}, {@code 3.4G}. */
    static String count(long n) {
        if (Math.abs(n) < 100_000) {
            return Long.toString(n);
        }
        if (Math.abs(n) < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        if (Math.abs(n) < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fG", n / 1e9);
    }

    static String bytes(long n) {
        double value = n;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", value, BYTE_UNITS[unit]);
    }

    /** Items per second: {@code 0.4/s}, {@code 85/s}, {@code 1200/s}, {@code 12.3k/s}. */
    static String rate(double perSecond) {
        if (perSecond < 10) {
            return String.format(Locale.ROOT, "%.1f/s", perSecond);
        }
        return count(Math.round(perSecond)) + "/s";
    }

    static String bytesRate(double perSecond) {
        return bytes(Math.round(perSecond)) + "/s";
    }

    /** Time left or spent, to the second: {@code 45s}, {@code 3m05s}, {@code 1h02m}, {@code 3d04h}. */
    static String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }

    static String duration(Duration d) {
        return duration(d.getSeconds());
    }
}
