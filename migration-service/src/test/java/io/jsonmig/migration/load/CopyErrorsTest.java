package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.target.TableName;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CopyErrorsTest {

    private static final CollectionPlan POSTS = new CollectionPlan("posts",
            new TargetTable(new TableName("public", "posts"), 1, List.of()), false, (record, position) -> Map.of(),
            Optional.empty());

    @Test
    void aCopyLineIsTheRecordAfterItsZeroBasedPosition() {
        String message = CopyErrors.describe(POSTS.collection(), POSTS.table().name().toString(), server("insert or update on table \"posts\" violates foreign key "
                + "constraint \"posts_user_id_fkey\"", "Key (user_id)=(999) is not present in table \"users\".",
                "COPY posts, line 8: \"...\""));

        assertThat(message).isEqualTo("collection 'posts' record 7: table public.posts refused it: insert or update on "
                + "table \"posts\" violates foreign key constraint \"posts_user_id_fkey\" "
                + "(Key (user_id)=(999) is not present in table \"users\".)");
    }

    @Test
    void theFailingRowIsNotCopiedIntoTheMessage() {
        String message = CopyErrors.describe(POSTS.collection(), POSTS.table().name().toString(), server("null value in column \"title\" of relation \"posts\" "
                + "violates not-null constraint", "Failing row contains (3, alice@example.org, null).",
                "COPY posts, line 4, column title: null input"));

        assertThat(message).startsWith("collection 'posts' record 3: ").doesNotContain("alice@example.org");
    }

    private static PSQLException server(String message, String detail, String where) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C23503\0M" + message + "\0D" + detail + "\0W" + where + "\0"));
    }
}
