package io.jsonmig.migration.mapping;

import io.jsonmig.mappingplan.mapping.MappingPlanner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoadOrderTest {

    @Test
    void parentsComeBeforeTheirChildrenOtherwiseTheGivenOrderHolds() {
        Map<String, List<String>> parents = Map.of("comments", List.of("posts", "users"), "posts", List.of("users"),
                "users", List.of(), "tags", List.of());

        assertThat(MappingPlanner.parentsFirst(List.of("comments", "tags", "posts", "users"), parents::get))
                .containsExactly("tags", "users", "posts", "comments");
    }

    @Test
    void aCycleKeepsItsGivenOrder() {
        Map<String, List<String>> parents = Map.of("a", List.of("b"), "b", List.of("a"));

        assertThat(MappingPlanner.parentsFirst(List.of("a", "b"), parents::get)).containsExactly("a", "b");
    }
}
