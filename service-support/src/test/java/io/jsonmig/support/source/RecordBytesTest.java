package io.jsonmig.support.source;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordBytesTest {

    @Test
    void keepsWhatWasReadFromTheOffsetItIsToldAndDropsWhatComesBefore() throws IOException {
        byte[] source = new byte[3_000_000];
        for (int i = 0; i < source.length; i++) {
            source[i] = (byte) ('a' + i % 26);
        }
        RecordBytes bytes = new RecordBytes(new ByteArrayInputStream(source));
        byte[] buffer = new byte[8000];
        long read = 0;
        int n;
        while ((n = bytes.read(buffer, 0, buffer.length)) > 0) {
            read += n;
            bytes.keepFrom(read - 20_000);
        }

        assertThat(read).isEqualTo(source.length);
        assertThat(new String(bytes.copy(source.length - 20_000, source.length - 19_990), StandardCharsets.US_ASCII))
                .isEqualTo(new String(source, source.length - 20_000, 10, StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> bytes.copy(0, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not kept");
    }
}
