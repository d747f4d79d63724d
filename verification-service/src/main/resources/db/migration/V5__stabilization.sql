-- The baseline of a run's HTTP probes before the cut-over (stabilization.baselined, as JSON): the first
-- taken is kept, so that a baseline taken again after a restart tells the same figures.
CREATE TABLE stabilization_baseline (
    migration_id text        PRIMARY KEY,
    baselined    text        NOT NULL,
    taken_at     timestamptz NOT NULL
);

-- Every round of the watch in the stabilization window (stabilization.checked, as JSON), with the
-- pg_stat_database counters the next round takes its per-minute figures from. The triggers judge the rounds
-- kept here, so a restart of the service goes on judging where it stopped.
CREATE TABLE stabilization_round (
    migration_id text        NOT NULL,
    attempt      integer     NOT NULL,
    round        bigint      NOT NULL,
    checked_at   timestamptz NOT NULL,
    checked      text        NOT NULL,
    deadlocks    bigint,
    rollbacks    bigint,
    PRIMARY KEY (migration_id, attempt, round)
);
