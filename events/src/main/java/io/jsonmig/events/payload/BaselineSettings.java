package io.jsonmig.events.payload;

/**
 * How the baseline is taken before the cut-over, while the application still runs on its JSON files.
 *
 * @param samples calls of each HTTP probe; {@code null} means {@link #DEFAULT_SAMPLES}
 */
public record BaselineSettings(Integer samples) {

    public static final int DEFAULT_SAMPLES = 50;
    /** More calls say nothing new and only load the application. */
    public static final int MAX_SAMPLES = 1000;
    public static final BaselineSettings DEFAULTS = new BaselineSettings(DEFAULT_SAMPLES);

    public BaselineSettings {
        samples = samples == null ? DEFAULT_SAMPLES : samples;
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("baseline samples must be 1 to " + MAX_SAMPLES + ", got " + samples);
        }
    }
}
