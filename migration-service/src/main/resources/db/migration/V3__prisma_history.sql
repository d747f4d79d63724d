-- Prisma projects as schema directories: the rows a run added to _prisma_migrations, so that its rollback
-- removes exactly those when the table existed before the run.
ALTER TABLE target_capture ADD COLUMN prisma_history_existed boolean NOT NULL DEFAULT false;
ALTER TABLE applied_migration ADD COLUMN prisma_id text;
