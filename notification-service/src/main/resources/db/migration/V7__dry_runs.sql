-- A dry run (RunSpec.dryRun: a rehearsal into a throwaway schema, nothing cut over) is listed as one.
ALTER TABLE run ADD COLUMN dry_run boolean NOT NULL DEFAULT false;
UPDATE run SET dry_run = true WHERE state #>> '{spec,dryRun}' = 'true';
