-- What the row-by-row comparison, the column figures, the keys and the smoke checks found.
ALTER TABLE verification_report
    ADD COLUMN mode         text  NOT NULL DEFAULT 'full',
    ADD COLUMN failures     jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN tables       jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN smoke_checks jsonb NOT NULL DEFAULT '[]';
