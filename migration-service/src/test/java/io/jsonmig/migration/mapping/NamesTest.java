package io.jsonmig.migration.mapping;

import io.jsonmig.mappingplan.mapping.Names;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    @ParameterizedTest
    @CsvSource({
            "createdAt, created_at",
            "userId, user_id",
            "postID, post_id",
            "HTMLPage, html_page",
            "address2, address2",
            "already_snake, already_snake",
            "Name, name",
            "blogPosts, blog_posts",
            "geo-lat, geo_lat"
    })
    void camelCaseBecomesSnakeCase(String json, String column) {
        assertThat(Names.snakeCase(json)).isEqualTo(column);
    }
}
