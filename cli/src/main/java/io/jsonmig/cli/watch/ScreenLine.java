package io.jsonmig.cli.watch;

/** One line of the live screen: its text, at most the screen's width, and how it is coloured. */
record ScreenLine(String text, Tone tone) {

    enum Tone {
        TITLE,
        PLAIN,
        PENDING,
        RUNNING,
        DONE,
        FAILED
    }

    static ScreenLine blank() {
        return new ScreenLine("", Tone.PLAIN);
    }
}
