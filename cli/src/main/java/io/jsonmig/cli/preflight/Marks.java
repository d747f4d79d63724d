package io.jsonmig.cli.preflight;

import java.nio.charset.Charset;

/**
 * How a checklist line says passed or failed: {@code ✓}/{@code ✗} and an em dash where the output's
 * charset can show them, {@code OK}/{@code FAIL} and {@code -} where it cannot (an ASCII locale).
 */
public record Marks(String passed, String failed, String dash) {

    static final Marks UNICODE = new Marks("✓", "✗", "—");
    static final Marks ASCII = new Marks("OK", "FAIL", "-");

    /** For the charset stdout is written in: the console's when there is one, else the JVM's default. */
    public static Marks forStdout() {
        String console = System.getProperty("sun.stdout.encoding", System.getProperty("stdout.encoding"));
        Charset charset = Charset.defaultCharset();
        if (console != null && Charset.isSupported(console)) {
            charset = Charset.forName(console);
        }
        return of(charset);
    }

    public static Marks of(Charset charset) {
        return charset.newEncoder().canEncode("✓✗—") ? UNICODE : ASCII;
    }

    String of(boolean ok) {
        return ok ? passed : failed;
    }
}
