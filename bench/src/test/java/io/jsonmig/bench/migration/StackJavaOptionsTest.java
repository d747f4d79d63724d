package io.jsonmig.bench.migration;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackJavaOptionsTest {

    @Test
    void takesTheDefaultOfTheVariableAndSplitsTheHeapOff() {
        StackJavaOptions options = StackJavaOptions.parse(
                "${JSONMIG_SERVICE_JAVA_OPTS:-Xms64m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}");
        assertThat(options.xmx()).isEqualTo("384m");
        assertThat(options.options()).containsExactly("-Xms64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
        assertThat(StackJavaOptions.parse("-Xmx1g -Xmx2g").xmx()).isEqualTo("2g");
        assertThatThrownBy(() -> StackJavaOptions.parse("-Xms64m")).hasMessageContaining("no -Xmx");
    }

    @Test
    void readsTheOptionsTheCliStartsTheStackWith() {
        // the module's tests run in bench/; the CLI's file is the one place the options are set
        StackJavaOptions options = StackJavaOptions.read(Path.of("../cli/src/main/resources/application.properties"));
        assertThat(options.xmx()).isNotBlank();
        assertThat(options.options()).contains("-XX:+ExitOnOutOfMemoryError").noneMatch(o -> o.startsWith("-Xmx"));
    }
}
