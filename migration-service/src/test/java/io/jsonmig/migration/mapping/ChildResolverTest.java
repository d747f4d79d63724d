package io.jsonmig.migration.mapping;

import io.jsonmig.mappingplan.mapping.ChildMapping;
import io.jsonmig.mappingplan.mapping.ChildResolver;
import io.jsonmig.mappingplan.mapping.ChildRow;
import io.jsonmig.mappingplan.mapping.ColumnMapping;
import io.jsonmig.mappingplan.mapping.FieldValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rows of a child table from a parent record's array. */
class ChildResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILE = Path.of("m.yaml");
    private static final ChildMapping COMMENTS = new ChildMapping("comments", "post_comments",
            Map.of("post_id", "id"), Optional.of("position"), Optional.empty(), Optional.of("extra"),
            Map.of("text", ColumnMapping.of("body"), "at", ColumnMapping.of("created_at")));
    private static final ChildMapping TAGS = new ChildMapping("meta.tags", "post_tags", Map.of("post_id", "id"),
            Optional.empty(), Optional.of("tag"), Optional.empty(), Map.of());

    @Test
    void anArrayOfObjectsGivesARowPerElementWithTheParentsKeyAndTheIndex() throws Exception {
        ObjectNode post = record("""
                {"id": 7, "comments": [{"text": "first", "at": "2024-01-01T00:00:00Z"},
                                       {"text": "second", "mood": "glad"}]}""");

        List<ChildRow> rows = new ChildResolver(COMMENTS, "posts", FILE).resolve(post, parent(7));

        assertThat(rows).extracting(ChildRow::element).containsExactly(0, 1);
        assertThat(rows.get(0).values()).containsOnlyKeys("post_id", "position", "body", "created_at", "extra");
        assertThat(rows.get(1).values().get("post_id").value()).isEqualTo(IntNode.valueOf(7));
        assertThat(rows.get(1).values().get("position").value()).isEqualTo(IntNode.valueOf(1));
        assertThat(rows.get(1).values().get("body").path()).isEqualTo("comments[1].text");
        assertThat(rows.get(1).values().get("extra").value()).isEqualTo(record("{\"mood\": \"glad\"}"));
    }

    @Test
    void anArrayOfScalarsGivesTheElementItself() throws Exception {
        List<ChildRow> rows = new ChildResolver(TAGS, "posts", FILE)
                .resolve(record("{\"id\": 7, \"meta\": {\"tags\": [\"a\", \"b\"]}}"), parent(7));

        assertThat(rows).extracting(r -> r.values().get("tag").value().textValue()).containsExactly("a", "b");
        assertThat(rows.get(1).values().get("tag").path()).isEqualTo("meta.tags[1]");
    }

    @Test
    void aMissingNullOrEmptyArrayGivesNoRows() throws Exception {
        ChildResolver tags = new ChildResolver(TAGS, "posts", FILE);

        assertThat(tags.resolve(record("{\"id\": 7}"), parent(7))).isEmpty();
        assertThat(tags.resolve(record("{\"id\": 7, \"meta\": null}"), parent(7))).isEmpty();
        assertThat(tags.resolve(record("{\"id\": 7, \"meta\": {\"tags\": null}}"), parent(7))).isEmpty();
        assertThat(tags.resolve(record("{\"id\": 7, \"meta\": {\"tags\": []}}"), parent(7))).isEmpty();
    }

    @Test
    void aBadElementIsNamedByItsPathInTheRecord() throws Exception {
        ChildMapping strict = new ChildMapping("comments", "post_comments", Map.of("post_id", "id"), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of("text", ColumnMapping.of("body")));
        ChildResolver comments = new ChildResolver(strict, "posts", FILE);

        List<ChildRow> rows = comments.resolve(record("{\"id\": 7, \"comments\": [{\"text\": \"a\"}, "
                + "\"b\", {\"text\": \"c\", \"at\": 1}]}"), parent(7));

        assertThat(rows.get(0).refused()).isNull();
        assertThat(rows.get(1).refused()).hasMessageStartingWith("field 'comments[1]' holds a string, but mapping "
                + "file m.yaml maps the fields of objects there (text)");
        assertThat(rows.get(2).refused())
                .hasMessage("field 'comments[2].at' maps to no column: mapping file m.yaml does not list it");
        assertThat(rows.get(2).values()).isEmpty();
        assertThatThrownBy(() -> comments.resolve(record("{\"id\": 7, \"comments\": {\"text\": \"a\"}}"), parent(7)))
                .hasMessage("field 'comments' holds an object, but mapping file m.yaml loads it into child table "
                        + "post_comments: expected an array");
    }

    private static Map<String, FieldValue> parent(int id) {
        return Map.of("id", new FieldValue("id", IntNode.valueOf(id)));
    }

    private static ObjectNode record(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
