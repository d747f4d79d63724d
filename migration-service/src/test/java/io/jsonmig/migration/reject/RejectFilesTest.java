package io.jsonmig.migration.reject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCollectionNameCannotLeadOutOfTheRunsDirectory() {
        assertThat(RejectFiles.fileName("users")).isEqualTo("users.rejects.ndjson");
        assertThat(RejectFiles.fileName("blog.posts")).isEqualTo("blog.posts.rejects.ndjson");
        assertThat(RejectFiles.fileName("../etc/passwd")).isEqualTo("..%2Fetc%2Fpasswd.rejects.ndjson");
        assertThat(RejectFiles.fileName("..")).as("a plain name, not the parent").isEqualTo("...rejects.ndjson");
        assertThat(RejectFiles.fileName("user\"; drop table x; --")).isEqualTo("user%22%3B+drop+table+x%3B+--.rejects.ndjson");
        assertThat(RejectFiles.fileName("a*b c")).isEqualTo("a%2Ab+c.rejects.ndjson");
    }

    @Test
    void aNulIsKeptExactlyForTheFileAndAsTextForJsonb() throws Exception {
        JsonNode record = JSON.readTree("{\"id\": 1, \"a\\u0000b\": [\"x\\u0000y\", 2], \"c\": \"back\\\\u0000slash\"}");

        String exact = RawRecords.exact(record);
        assertThat(JSON.readTree(exact)).isEqualTo(record);
        JsonNode safe = JSON.readTree(RawRecords.forJsonb(record, exact));
        assertThat(safe.path("a\\u0000b").path(0).asText()).isEqualTo("x\\u0000y");
        assertThat(safe.path("c").asText()).isEqualTo("back\\u0000slash");
        JsonNode clean = JSON.readTree("{\"c\": \"back\\\\u0000slash\"}");
        assertThat(RawRecords.forJsonb(clean, RawRecords.exact(clean))).as("no NUL: the exact text will do").isNull();
    }
}
