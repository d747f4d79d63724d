package io.jsonmig.cli.start;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for a name that is almost one of the known ones. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known name {@code given} most likely meant: the same apart from case, {@code -}, {@code _} and
     * {@code .} ({@code dry-run} for {@code dryRun}), or a few typed letters away ({@code schemas}).
     */
    static Optional<String> closest(String given, Collection<String> known) {
        for (String name : known) {
            if (sameName(given, name)) {
                return Optional.of(name);
            }
        }
        LevenshteinDistance distance = new LevenshteinDistance(Math.max(1, given.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int d = distance.apply(given.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
            if (d >= 0 && d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code ; did you mean 'schema'?}, or nothing. */
    static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(name -> "; did you mean '" + name + "'?").orElse("");
    }

    /** Whether both name the same apart from case, {@code -}, {@code _} and {@code .}. */
    static boolean sameName(String a, String b) {
        return plain(a).equals(plain(b));
    }

    private static String plain(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
    }
}
