package io.jsonmig.bench.placeholder;

import java.util.List;

/**
 * The collections of a JSONPlaceholder-shaped {@code db.json}, in load order (parents first), with
 * JSONPlaceholder's own counts as the proportions and the columns of their tables in the order of
 * {@link PlaceholderRecord#row()}.
 */
public enum PlaceholderCollection {
    USERS("users", 10, List.of("id", "name", "username", "email", "address_street", "address_suite", "address_city",
            "address_zipcode", "address_geo_lat", "address_geo_lng", "phone", "website", "company")),
    POSTS("posts", 100, List.of("id", "user_id", "title", "body")),
    COMMENTS("comments", 500, List.of("id", "post_id", "name", "email", "body")),
    ALBUMS("albums", 100, List.of("id", "user_id", "title")),
    PHOTOS("photos", 5000, List.of("id", "album_id", "title", "url", "thumbnail_url")),
    TODOS("todos", 200, List.of("id", "user_id", "title", "completed"));

    /** Records of one JSONPlaceholder: 10 users, 100 posts, 500 comments, 100 albums, 5000 photos, 200 todos. */
    public static final long RECORDS_PER_UNIT = 5910;

    private final String collectionName;
    private final int perUnit;
    private final List<String> columns;

    PlaceholderCollection(String collectionName, int perUnit, List<String> columns) {
        this.collectionName = collectionName;
        this.perUnit = perUnit;
        this.columns = columns;
    }

    /** The collection's key in {@code db.json}, also its table's name. */
    public String collectionName() {
        return collectionName;
    }

    public String table() {
        return collectionName;
    }

    public List<String> columns() {
        return columns;
    }

    int perUnit() {
        return perUnit;
    }
}
