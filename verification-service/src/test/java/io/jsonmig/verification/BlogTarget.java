package io.jsonmig.verification;

import io.jsonmig.support.target.TargetDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The blog example's tables in a target, as a clean migration of its db.json leaves them. */
final class BlogTarget {

    static final Path EXAMPLE = Path.of("../examples/blog");
    /** Elements of the posts' tags arrays in db.json. */
    static final int TAGS = 249;

    private BlogTarget() {
    }

    /**
     * The blog schema in the given schema (or public), holding exactly the snapshot's records, as a clean
     * migration leaves them: loaded here by PostgreSQL's own JSON functions from the same db.json, not by
     * jsonmig's loader.
     */
    static void prepare(TargetDatabase target, String schema) throws SQLException, IOException {
        String json = Files.readString(EXAMPLE.resolve("data/db.json"));
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("SET search_path TO " + schema);
            }
            s.execute(Files.readString(EXAMPLE.resolve("schema/V1__create_tables.sql")));
            s.execute(Files.readString(EXAMPLE.resolve("schema/V2__indexes.sql")));
            load(c, json, "INSERT INTO users (id, name, username, email, phone, website, address_street, address_suite, "
                    + "address_city, address_zipcode, address_geo_lat, address_geo_lng, company, created_at, active) "
                    + "SELECT (r->>'id')::int, r->>'name', r->>'username', r->>'email', r->>'phone', r->>'website', "
                    + "r#>>'{address,street}', r#>>'{address,suite}', r#>>'{address,city}', r#>>'{address,zipcode}', "
                    + "(r#>>'{address,geo,lat}')::numeric, (r#>>'{address,geo,lng}')::numeric, r->'company', "
                    + "(r->>'createdAt')::timestamptz, (r->>'active')::boolean "
                    + "FROM jsonb_array_elements(?::jsonb -> 'users') r", 40);
            load(c, json, "INSERT INTO posts (id, user_id, title, body, tags, published_at, views) "
                    + "SELECT (r->>'id')::int, (r->>'userId')::int, r->>'title', r->>'body', "
                    + "ARRAY(SELECT jsonb_array_elements_text(r->'tags')), (r->>'publishedAt')::timestamptz, "
                    + "(r->>'views')::int FROM jsonb_array_elements(?::jsonb -> 'posts') r", 120);
            load(c, json, "INSERT INTO comments (id, post_id, name, email, body, created_at) "
                    + "SELECT (r->>'id')::int, (r->>'postId')::int, r->>'name', r->>'email', r->>'body', "
                    + "(r->>'createdAt')::timestamptz FROM jsonb_array_elements(?::jsonb -> 'comments') r", 300);
        }
    }

    static void load(Connection c, String json, String sql, int rows) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, json);
            assertThat(statement.executeUpdate()).isEqualTo(rows);
        }
    }

    /**
     * The posts' tags also as a child table {@code post_tags} (post_id, position, tag) of the schema, filled
     * from db.json, and a mapping file (the example's, with the tags as that child table instead of a column)
     * written into the directory.
     *
     * @return the mapping file
     */
    static Path withTagsChildTable(TargetDatabase target, String schema, Path dir) throws SQLException, IOException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + schema + ".post_tags (post_id integer NOT NULL REFERENCES " + schema
                    + ".posts (id), position integer NOT NULL, tag text NOT NULL, PRIMARY KEY (post_id, position))");
            load(c, Files.readString(EXAMPLE.resolve("data/db.json")), "INSERT INTO " + schema + ".post_tags "
                    + "SELECT (r->>'id')::int, t.n - 1, t.tag FROM jsonb_array_elements(?::jsonb -> 'posts') r, "
                    + "jsonb_array_elements_text(r->'tags') WITH ORDINALITY t(tag, n)", TAGS);
        }
        String mapping = Files.readString(EXAMPLE.resolve("mapping.yaml")).replace(
                "      tags: tags                  # an array of strings into text[]\n", "").replace(
                "      views: views\n", "      views: views\n    children:\n      tags:\n        table: post_tags\n"
                        + "        parent-key: {post_id: id}\n        position: position\n        value: tag\n");
        Path mappingFile = dir.resolve(schema + "-mapping.yaml");
        Files.writeString(mappingFile, mapping);
        return mappingFile;
    }
}
