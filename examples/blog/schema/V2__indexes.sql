-- Blog sample: indexes on the foreign keys and on the publication date.
-- (users.username already has the index behind its UNIQUE constraint.)

CREATE INDEX posts_user_id_idx      ON posts (user_id);
CREATE INDEX posts_published_at_idx ON posts (published_at);
CREATE INDEX comments_post_id_idx   ON comments (post_id);
