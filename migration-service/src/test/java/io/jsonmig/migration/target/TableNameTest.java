package io.jsonmig.migration.target;

import io.jsonmig.mappingplan.target.TableName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Table names as events carry them: other services hand them to {@code to_regclass}. */
class TableNameTest {

    @Test
    void plainLowerCaseNamesStayUnquoted() {
        assertThat(new TableName("public", "users")).hasToString("public.users");
        assertThat(new TableName("blog_2024", "post$tags")).hasToString("blog_2024.post$tags");
        assertThat(new TableName("_private", "_t1")).hasToString("_private._t1");
    }

    @Test
    void namesThatUnquotedWouldFoldToAnotherNameAreQuoted() {
        assertThat(new TableName("public", "BlogPosts")).hasToString("public.\"BlogPosts\"");
        assertThat(new TableName("Sales", "orders")).hasToString("\"Sales\".orders");
        assertThat(new TableName("public", "2fa_codes")).hasToString("public.\"2fa_codes\"");
        assertThat(new TableName("public", "café")).hasToString("public.\"café\"");
        assertThat(new TableName("public", "order items")).hasToString("public.\"order items\"");
    }

    @Test
    void aDotOrAQuoteInsideANameCannotSplitOrEndIt() {
        assertThat(new TableName("public", "posts.archive")).hasToString("public.\"posts.archive\"");
        assertThat(new TableName("my.schema", "t")).hasToString("\"my.schema\".t");
        assertThat(new TableName("public", "say \"hi\"")).hasToString("public.\"say \"\"hi\"\"\"");
    }

    @Test
    void aNameNoTableCanHaveStillShowsInAMessage() {
        assertThat(new TableName("public", "")).hasToString("public.\"\"");
    }

    @Test
    void keywordsNeedNoQuotesToBeFoundAgain() {
        // to_regclass parses a qualified name, where keywords are plain names.
        assertThat(new TableName("public", "order")).hasToString("public.order");
    }
}
