-- Rows a table held before an append run added its own: a rollback then removes the run's rows by key
-- (_jsonmig_loaded_keys in the target) instead of emptying the table.
ALTER TABLE target_table_load ADD COLUMN rows_before bigint NOT NULL DEFAULT 0;
