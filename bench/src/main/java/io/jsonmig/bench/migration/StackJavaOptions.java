package io.jsonmig.bench.migration;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options {@code ./jsonmig stack up} starts the services with, read from the one place they are
 * set: {@code jsonmig.stack.java-options} of the CLI's {@code application.properties}, whose value is
 * {@code ${JSONMIG_SERVICE_JAVA_OPTS:<default>}} (the default is taken; the benchmark does not look at
 * the variable). The heap is split off so that the benchmark can set it on its own.
 *
 * @param xmx     the stack's {@code -Xmx} value, e.g. {@code 384m}
 * @param options every other option, in order
 */
record StackJavaOptions(String xmx, List<String> options) {

    static final String PROPERTY = "jsonmig.stack.java-options";
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z0-9_]+:(.*)}");

    static StackJavaOptions read(Path applicationProperties) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's JVM options from " + applicationProperties, e);
        }
        String value = properties.getProperty(PROPERTY);
        if (value == null) {
            throw new IllegalStateException("no " + PROPERTY + " in " + applicationProperties);
        }
        return parse(value);
    }

    static StackJavaOptions parse(String value) {
        Matcher withDefault = DEFAULT.matcher(value.strip());
        String options = withDefault.matches() ? withDefault.group(1) : value;
        List<String> all = Arrays.stream(options.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        String xmx = all.stream().filter(o -> o.startsWith("-Xmx")).reduce((a, b) -> b)
                .map(o -> o.substring(4))
                .orElseThrow(() -> new IllegalStateException(PROPERTY + " sets no -Xmx: " + value));
        return new StackJavaOptions(xmx, all.stream().filter(o -> !o.startsWith("-Xmx")).toList());
    }
}
