package io.jsonmig.verification.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunPlansTest {

    @Test
    void theLoadsSchemaIsTheOneMostLoadedTablesLieIn() {
        assertThat(RunPlans.schemaOf("public.users")).contains("public");
        assertThat(RunPlans.schemaOf("\"My \"\"Schema\".\"T\"")).contains("My \"Schema");
        assertThat(RunPlans.schemaOf("users")).isEmpty();
        assertThat(RunPlans.loadSchema(List.of("a.users", "b.posts", "b.comments"))).contains("b");
        assertThat(RunPlans.loadSchema(List.of())).isEqualTo(Optional.empty());
    }
}
