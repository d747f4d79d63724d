package io.jsonmig.migration.target;

import io.jsonmig.support.target.SafeUrl;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.mappingplan.target.TableName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    @Test
    void quotesNamesAndDoublesEmbeddedQuotes() {
        assertThat(Identifiers.quote("users")).isEqualTo("\"users\"");
        assertThat(Identifiers.quote("Odd \"Name\"; DROP")).isEqualTo("\"Odd \"\"Name\"\"; DROP\"");
        assertThat(Identifiers.qualified("public", "users")).isEqualTo("\"public\".\"users\"");
    }

    @Test
    void rejectsNamesPostgresCannotHold() {
        assertThatThrownBy(() -> Identifiers.quote("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Identifiers.quote("a\0b")).hasMessageContaining("NUL");
    }

    @Test
    void unqualifiedTableNamesLieInTheDefaultSchema() {
        assertThat(TableName.parse("users", "public")).isEqualTo(new TableName("public", "users"));
        assertThat(TableName.parse("blog.posts", "public")).isEqualTo(new TableName("blog", "posts"));
        assertThat(TableName.parse("users", "public").sql()).isEqualTo("\"public\".\"users\"");
    }

    @Test
    void urlsInMessagesNeverShowAPassword() {
        assertThat(SafeUrl.of("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true");
        assertThat(SafeUrl.of("jdbc:postgresql://db/app")).isEqualTo("jdbc:postgresql://db/app");
    }
}
