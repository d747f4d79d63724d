package io.jsonmig.e2e;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.ReverseSyncVerified;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource.TestDatabases;
import io.jsonmig.testing.ServiceProcess;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged migration-service killed with SIGKILL in the middle of a table load, twice, and
 * started again each time with the same environment: its job workers find the load's job unfinished
 * at start-up and run it again, going on after each table's last committed chunk. At
 * every kill the target holds exactly the rows its checkpoint counts; at the end every record that
 * can load is in its table once, and every reject is quarantined once, in {@code _jsonmig_rejects}
 * and in its reject file, whether it fell before or after a kill. Then a rollback after the cut-over
 * is killed in the middle of its export and resumes: the export holds every write, and every other
 * record as the snapshot had it.
 */
class ResumeAfterKillIT {

    private static final int USERS = 120_000;
    private static final int POSTS = 80_000;
    private static final int CHUNK_RECORDS = 2_000;
    /** users: position → the earlier position whose id the record repeats. One before the first kill, one after. */
    private static final Map<Integer, Integer> USER_DUPLICATES = Map.of(700, 3, 110_000, 50);
    /** posts: position → the earlier position whose id the record repeats. After the second kill. */
    private static final Map<Integer, Integer> POST_DUPLICATES = Map.of(60_000, 10);
    /** posts whose user does not exist: one before the second kill, one after. */
    private static final Set<Integer> ORPHAN_POSTS = Set.of(300, 75_000);
    private static final int MISSING_USER = USERS + 1_000;

    private static final Duration STARTUP = Duration.ofMinutes(3);
    /** A load on this machine's two cores shared with the test's own checks. */
    private static final Duration LOAD = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path home;
    private static Path work;
    private static TestDatabases databases;
    private static String ledger;
    private static String target;
    private static EventProbe probe;
    private static ServiceProcess service;
    private static ServiceProcess backup;

    @BeforeAll
    static void setUp() throws IOException {
        home = Path.of(System.getProperty("jsonmig.home", "..")).toAbsolutePath().normalize();
        work = Files.createTempDirectory(Files.createDirectories(home.resolve("e2e-tests/target")), "resume-");
        databases = new TestDatabases();
        ledger = databases.create("resume_ledger");
        target = databases.create("resume_target");
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
    }

    @AfterAll
    static void tearDown() {
        try {
            if (service != null) {
                service.close();
            }
            if (backup != null) {
                backup.close();
            }
            if (probe != null) {
                probe.close();
            }
        } finally {
            // the work directory stays, for the services' logs
            databases.drop(target);
            databases.drop(ledger);
        }
    }

    @Test
    void aLoadKilledTwiceGoesOnAfterItsLastCheckpointAndLoadsEveryRecordOnce() throws Exception {
        Path snapshot = writeSnapshot();
        Path rejectsDir = work.resolve("rejects");
        Map<String, String> env = environment(rejectsDir);
        EventEnvelope backedUp = backupCompleted(snapshot, schemaDir());
        String id = backedUp.migrationId();

        service = start(env, 1);
        probe.publish(backedUp);

        Checkpoint killedInUsers = killDuring(id, "users", 1);
        assertThat(killedInUsers.nextPosition()).as("the first kill falls before the second duplicate user")
                .isLessThanOrEqualTo(110_000);
        // users, created by the run, loads without its keys: its duplicates are found after its load
        assertThat(killedInUsers.rejected()).as("no key checked before the first kill").isZero();
        assertThat(primaryKeys("users")).as("users loads with its primary key deferred").isZero();
        assertThat(checkpoint(id, "posts")).as("posts not begun at the first kill").isEmpty();
        assertThat(count("posts")).isZero();

        service = start(env, 2);
        Checkpoint killedInPosts = killDuring(id, "posts", 2);
        assertThat(killedInPosts.nextPosition()).as("the second kill falls before the duplicate post")
                .isLessThanOrEqualTo(60_000);
        assertThat(killedInPosts.rejected()).as("no key checked before the second kill").isZero();
        assertThat(primaryKeys("posts")).as("posts loads with its keys deferred").isZero();
        // the build found users' duplicates: users loaded again with its keys in place, which quarantined them
        assertThat(primaryKeys("users")).as("users has its primary key back").isEqualTo(1);
        assertThat(checkpoint(id, "users").orElseThrow()).isEqualTo(
                new Checkpoint(USERS, USERS - USER_DUPLICATES.size(), USER_DUPLICATES.size(), true));
        assertThat(Files.readString(work.resolve("migration-service-2.log")))
                .contains("public.users: going on after the checkpoint: " + killedInUsers.nextPosition() + " record(s)");

        service = start(env, 3);
        DataMigrated migrated = awaitDataMigrated(id);
        assertThat(Files.readString(work.resolve("migration-service-3.log")))
                .contains("public.posts: going on after the checkpoint: " + killedInPosts.nextPosition() + " record(s)");

        int usersLoaded = USERS - USER_DUPLICATES.size();
        int postsLoaded = POSTS - POST_DUPLICATES.size() - ORPHAN_POSTS.size();
        assertThat(migrated.tables()).containsExactly(
                new TableLoad("users", "public.users", usersLoaded, USER_DUPLICATES.size()),
                new TableLoad("posts", "public.posts", postsLoaded, POST_DUPLICATES.size() + ORPHAN_POSTS.size()));
        assertThat(migrated.totalRows()).isEqualTo(usersLoaded + postsLoaded);
        assertThat(migrated.appliedMigrations()).as("applied by the first run, before both kills")
                .containsExactly("V1__users_and_posts.sql");
        assertThat(migrated.rejectsLocation()).isEqualTo(rejectsDir.resolve(id).toString());

        assertTableHoldsExactly("users", ResumeAfterKillIT::userId, "id::text || '|' || name || '|' || email",
                loaded(USERS, USER_DUPLICATES.keySet()), p -> userId(p) + "|" + userName(p) + "|" + email(p));
        assertTableHoldsExactly("posts", ResumeAfterKillIT::postId,
                "id::text || '|' || user_id::text || '|' || title || '|' || body",
                loaded(POSTS, union(POST_DUPLICATES.keySet(), ORPHAN_POSTS)),
                p -> postId(p) + "|" + postUser(p) + "|" + postTitle(p) + "|" + postBody(p));

        assertRejectedOnce(id, rejectsDir, "users", List.of(700, 110_000), List.of("duplicate key", "duplicate key"));
        assertRejectedOnce(id, rejectsDir, "posts", List.of(300, 60_000, 75_000),
                List.of("orphan", "duplicate key", "orphan"));

        for (String table : List.of("public.users", "public.posts")) {
            List<Progress> progress = probe.eventsOf(id).stream().filter(e -> e.type() == EventType.PROGRESS)
                    .map(e -> e.payloadAs(Progress.class)).filter(p -> p.item().equals(table)).toList();
            assertThat(progress).as("progress of %s", table)
                    .anySatisfy(p -> {
                        assertThat(p.rate()).isPositive();
                        assertThat(p.etaSeconds()).isNotNull().isNotNegative();
                        assertThat(p.bytes()).isPositive();
                    })
                    .anySatisfy(p -> assertThat(p.done()).isEqualTo(p.total()));
        }

        ReverseSyncExported exported = rollBackAfterTheCutoverKilledDuringTheExport(backedUp, env, snapshot);
        swapKilledWhileItWritesTheLiveFile(backedUp, exported, snapshot);
    }

    /**
     * The application writes after the cut-over, then a rollback: the service is killed while its
     * export waits to read posts (the test holds a lock on it), and started again; the export comes
     * out whole, every line of the snapshot that no write touched as it was.
     */
    private static ReverseSyncExported rollBackAfterTheCutoverKilledDuringTheExport(EventEnvelope backedUp,
                                                                                  Map<String, String> env,
                                                                                  Path snapshot) throws Exception {
        String id = backedUp.migrationId();
        int lateUser = USERS + 5_000;
        try (Connection app = databases.connect(target); Statement s = app.createStatement()) {
            s.execute("UPDATE users SET name = 'Renamed' WHERE id = 5");
            s.execute("DELETE FROM posts WHERE id = 7");
            s.execute("INSERT INTO users (id, name, email) VALUES (" + lateUser + ", 'Late', 'late@example.org')");
        }
        probe.publish(EventEnvelope.of(id, 1, "cli", "operator", RollbackRequested.afterCutover(
                RollbackTrigger.FUNCTIONALITY, "search is broken", backedUp.payloadAs(BackupCompleted.class).spec()),
                Instant.now()));
        String fence = "jsonmig rollback " + id + " in progress: writes go to the JSON files";
        try (Connection blocker = databases.connect(target)) {
            await("the fence").atMost(LOAD).pollInterval(Duration.ofMillis(20)).until(() -> {
                try (Statement s = blocker.createStatement()) {
                    s.execute("UPDATE posts SET title = title WHERE false");
                    return false;
                } catch (SQLException e) {
                    assertThat(e.getMessage()).contains(fence);
                    return true;
                }
            });
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
            }
            await("the export waiting to read posts").atMost(LOAD).pollInterval(Duration.ofMillis(50)).until(() -> {
                failIfEnded(id, "during the export");
                try (Connection c = databases.connect(target); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted "
                             + "AND relation = 'public.posts'::regclass")) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            });
            assertThat(service.kill(Duration.ofSeconds(30))).isEqualTo(128 + 9);
            assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type)
                    .doesNotContain(EventType.REVERSE_SYNC_EXPORTED);
            blocker.rollback();
        }
        await("the killed service's target connections closed").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> otherConnections(target) == 0);

        service = start(env, 4);
        ReverseSyncExported exported = probe.awaitMatching(id, e -> {
            if (!service.isAlive()) {
                throw new AssertionError("migration-service exited during the resumed export; its log ends:\n"
                        + service.logTail());
            }
            if (e.payload() instanceof io.jsonmig.events.payload.RollbackStepCompleted step && !step.succeeded()) {
                throw new AssertionError("the reverse sync failed: " + step.actions() + "\nthe service's log ends:\n"
                        + service.logTail());
            }
            return e.type() == EventType.REVERSE_SYNC_EXPORTED;
        }, "reverse-sync.exported", LOAD).payloadAs(ReverseSyncExported.class);

        assertThat(exported.collections()).extracting(c -> List.of(c.collection(), c.updated(), c.inserted(),
                c.deleted(), c.rejectsKept())).containsExactly(List.of("users", 1L, 1L, 0L, 2L),
                List.of("posts", 0L, 0L, 1L, 3L));
        assertThat(exported.rejectPositions()).containsEntry("users", List.of(700L, 110_000L))
                .containsEntry("posts", List.of(299L, 59_999L, 74_999L));
        Path before = snapshot.resolve("files/db.json");
        Path after = exported.snapshot().filesDirectory().resolve("db.json");
        Set<String> original = Set.copyOf(Files.readAllLines(before));
        Set<String> written = Set.copyOf(Files.readAllLines(after));
        assertThat(original.stream().filter(l -> !written.contains(l)).toList()).as("lines no longer there")
                .hasSize(2).anySatisfy(l -> assertThat(l).contains("\"id\":5,\"name\":\"User 4\""))
                .anySatisfy(l -> assertThat(l).contains("\"id\":7,"));
        assertThat(written.stream().filter(l -> !original.contains(l)).toList()).as("lines that are new")
                .containsExactlyInAnyOrder(",{\"id\":5,\"name\":\"Renamed\",\"email\":\"" + email(4) + "\"}",
                        ",{\"id\":" + lateUser + ",\"name\":\"Late\",\"email\":\"late@example.org\"}");
        try (var partial = Files.list(after.getParent().getParent().getParent())) {
            assertThat(partial.map(p -> p.getFileName().toString()).filter(n -> n.contains(".partial-")).toList())
                    .as("what the killed export left behind is gone").isEmpty();
        }
        return exported;
    }

    /**
     * The verified export replaces the live db.json, and backup-service is killed while it writes the
     * file: the export's db.json is a named pipe the test feeds, so the restore waits in its read with
     * half the file in its temporary copy beside the live one, the live file untouched. Started again,
     * the swap runs again: the live file is the export's, byte for byte, the killed restore's temporary
     * copy is gone, no conflict copy (the live file was the cut-over snapshot's), datasource.reverted once.
     */
    private static void swapKilledWhileItWritesTheLiveFile(EventEnvelope backedUp, ReverseSyncExported exported,
                                                          Path snapshot) throws Exception {
        String id = backedUp.migrationId();
        BackupCompleted cutover = backedUp.payloadAs(BackupCompleted.class);
        Path live = Path.of(cutover.spec().sourceDir()).resolve("db.json");
        Files.copy(snapshot.resolve("files/db.json"), live); // the application's file as it was cut over from
        Path exportedFile = exported.snapshot().filesDirectory().resolve("db.json");
        byte[] export = Files.readAllBytes(exportedFile);
        String cutoverSha = sha256(Files.readAllBytes(live));
        Path pipe = exportedFile;
        Path kept = work.resolve("export-db.json");
        Files.move(exportedFile, kept);
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", pipe.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        try {
            Map<String, String> env = backupEnvironment();
            backup = startBackup(env, 1);
            recordCutoverSnapshot(backedUp);
            probe.publish(EventEnvelope.of(id, 1, "verification-service", "", new ReverseSyncVerified(cutover.spec(),
                    exported.snapshot(), List.of(), null, exported.collections()), Instant.now()));

            int half = export.length / 2;
            java.util.concurrent.CompletableFuture<java.io.OutputStream> fed = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            java.io.OutputStream out = new java.io.FileOutputStream(pipe.toFile()); // waits for the reader
                            out.write(export, 0, half);
                            out.flush();
                            return out;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            await("half of db.json in the restore's temporary copy").atMost(LOAD).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!backup.isAlive()) {
                            throw new AssertionError("backup-service exited during the swap; its log ends:\n"
                                    + backup.logTail());
                        }
                        return temporaries(live).stream().anyMatch(t -> size(t) == half);
                    });
            assertThat(backup.kill(Duration.ofSeconds(30))).isEqualTo(128 + 9);
            try {
                fed.join().close();
            } catch (IOException readerGone) {
                // the reader died with the service
            }
            assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type).doesNotContain(EventType.DATASOURCE_REVERTED);
            assertThat(sha256(Files.readAllBytes(live))).as("the live file while the swap was killed")
                    .isEqualTo(cutoverSha);
            assertThat(temporaries(live)).as("the killed restore's temporary copy").hasSize(1);

            backup = startBackup(env, 2);
            Thread feeder = new Thread(() -> {
                try (java.io.OutputStream out = new java.io.FileOutputStream(pipe.toFile())) {
                    out.write(export);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "export-feeder");
            feeder.setDaemon(true);
            feeder.start();
            EventEnvelope reverted = probe.awaitMatching(id, e -> {
                if (!backup.isAlive()) {
                    throw new AssertionError("backup-service exited during the resumed swap; its log ends:\n"
                            + backup.logTail());
                }
                if (e.payload() instanceof io.jsonmig.events.payload.RollbackStepCompleted step && !step.succeeded()) {
                    throw new AssertionError("the swap failed: " + step.actions() + "\nthe service's log ends:\n"
                            + backup.logTail());
                }
                return e.type() == EventType.DATASOURCE_REVERTED;
            }, "datasource.reverted", LOAD);

            assertThat(reverted.payloadAs(DatasourceReverted.class).carriedBack()).isEqualTo(exported.collections());
            assertThat(sha256(Files.readAllBytes(live))).as("the live file after the swap").isEqualTo(sha256(export));
            try (var names = Files.list(live.getParent())) {
                assertThat(names.map(n -> n.getFileName().toString()).toList())
                        .as("no temporary copy and no conflict copy beside the live file").containsExactly("db.json");
            }
            assertThat(Files.readString(work.resolve("backup-service-2.log"))).contains("left by a restore that did "
                    + "not finish");
            assertThat(probe.eventsOf(id)).filteredOn(e -> e.type() == EventType.DATASOURCE_REVERTED)
                    .as("datasource.reverted").hasSize(1);
        } finally {
            Files.deleteIfExists(pipe);
            Files.move(kept, exportedFile);
        }
    }

    private static List<Path> temporaries(Path live) throws IOException {
        try (var siblings = Files.list(live.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith("." + live.getFileName()
                    + ".jsonmig-restore-")).toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return -1;
        }
    }

    /** The cut-over snapshot in backup-service's ledger, as backup-service records the snapshots it takes. */
    private static void recordCutoverSnapshot(EventEnvelope backedUp) throws SQLException {
        SnapshotSummary summary = backedUp.payloadAs(BackupCompleted.class).snapshot();
        try (Connection c = databases.connect(ledger); PreparedStatement s = c.prepareStatement("INSERT INTO "
                + "backup.snapshot (snapshot_id, migration_id, attempt, source_dir, location, layout, files, bytes, "
                + "records, manifest_sha256, created_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, now())")) {
            s.setString(1, summary.snapshotId());
            s.setString(2, backedUp.migrationId());
            s.setString(3, backedUp.payloadAs(BackupCompleted.class).spec().sourceDir());
            s.setString(4, summary.location());
            s.setString(5, summary.layout());
            s.setInt(6, summary.files());
            s.setLong(7, summary.bytes());
            s.setLong(8, summary.totalRecords());
            s.setString(9, summary.manifestSha256());
            s.executeUpdate();
        }
    }

    private static ServiceProcess startBackup(Map<String, String> env, int run) {
        return ServiceProcess.start(home.resolve("backup-service/target/quarkus-app/quarkus-run.jar"), "256m",
                List.of(), env, LocalKafkaBroker.freePort(), work.resolve("backup-service-" + run + ".log"), STARTUP);
    }

    private static Map<String, String> backupEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JSONMIG_KAFKA_BOOTSTRAP", KafkaBrokerResource.bootstrapServers());
        env.put("JSONMIG_DB_URL", databases.url(ledger));
        env.put("JSONMIG_DB_USER", databases.user());
        env.put("JSONMIG_DB_PASSWORD", databases.password());
        env.put("JSONMIG_ALLOWED_ROOTS", work.toString());
        env.put("JSONMIG_SNAPSHOT_ROOT", work.resolve("backups").toString());
        return env;
    }

    // --- the crash --------------------------------------------------------------------------

    /**
     * Waits until the collection's table has committed a chunk but not its last, kills the service
     * with SIGKILL, and checks that the target holds exactly what the checkpoint says.
     */
    private static Checkpoint killDuring(String id, String collection, int run) throws Exception {
        await("a committed chunk of " + collection + " in run " + run).atMost(LOAD).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    failIfEnded(id, "before the load of " + collection + " began");
                    return checkpoint(id, collection).filter(c -> c.nextPosition() > 0 && !c.finished()).isPresent();
                });
        long pid = service.pid();
        int exit = service.kill(Duration.ofSeconds(30));
        assertThat(exit).as("exit code of SIGKILL").isEqualTo(128 + 9);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d after SIGKILL", pid).isEmpty();
        // A backend of the dead process may still be finishing what it was sent; the check needs it gone.
        await("the killed service's target connections closed").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> otherConnections(target) == 0);

        Checkpoint at = checkpoint(id, collection).orElseThrow();
        assertThat(at.finished()).as("%s was still loading when the service was killed", collection).isFalse();
        assertThat(count(collection)).as("rows of %s after the kill", collection).isEqualTo(at.rows());
        assertThat(at.rows() + at.rejected()).as("records of %s behind the checkpoint", collection)
                .isEqualTo(at.nextPosition());
        assertThat(rejectPositions(id, collection)).as("rejects of %s committed before the kill", collection)
                .hasSize((int) at.rejected()).allSatisfy(p -> assertThat(p).isLessThan(at.nextPosition()));
        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type)
                .doesNotContain(EventType.DATA_MIGRATED, EventType.PHASE_FAILED);
        return at;
    }

    private static void failIfEnded(String id, String when) {
        if (!service.isAlive()) {
            throw new AssertionError("migration-service exited " + when + "; its log ends:\n" + service.logTail());
        }
        probe.eventsOf(id).stream().filter(e -> e.type() == EventType.PHASE_FAILED).findFirst().ifPresent(e -> {
            throw new AssertionError("the migration failed " + when + ": " + e.payloadAs(PhaseFailed.class).reason()
                    + "\nthe service's log ends:\n" + service.logTail());
        });
    }

    private static DataMigrated awaitDataMigrated(String id) {
        EventEnvelope outcome = probe.awaitMatching(id, e -> {
            if (!service.isAlive()) {
                throw new AssertionError("migration-service exited during the resumed load; its log ends:\n"
                        + service.logTail());
            }
            return e.type() == EventType.DATA_MIGRATED || e.type() == EventType.PHASE_FAILED;
        }, "data.migrated or phase.failed", LOAD);
        if (outcome.type() == EventType.PHASE_FAILED) {
            PhaseFailed failed = outcome.payloadAs(PhaseFailed.class);
            throw new AssertionError("the resumed migration failed: " + failed.reason() + "\n" + failed.problems()
                    + "\nthe service's log ends:\n" + service.logTail());
        }
        return outcome.payloadAs(DataMigrated.class);
    }

    private static ServiceProcess start(Map<String, String> env, int run) {
        return ServiceProcess.start(home.resolve("migration-service/target/quarkus-app/quarkus-run.jar"), "256m",
                List.of(), env, LocalKafkaBroker.freePort(), work.resolve("migration-service-" + run + ".log"), STARTUP);
    }

    private static Map<String, String> environment(Path rejectsDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JSONMIG_KAFKA_BOOTSTRAP", KafkaBrokerResource.bootstrapServers());
        env.put("JSONMIG_DB_URL", databases.url(ledger));
        env.put("JSONMIG_DB_USER", databases.user());
        env.put("JSONMIG_DB_PASSWORD", databases.password());
        env.put("JSONMIG_TARGET_RESUME_URL", databases.url(target));
        env.put("JSONMIG_TARGET_RESUME_USER", databases.user());
        env.put("JSONMIG_TARGET_RESUME_PASSWORD", databases.password());
        env.put("JSONMIG_ALLOWED_ROOTS", work.toString());
        env.put("JSONMIG_REJECTS_DIR", rejectsDir.toString());
        env.put("JSONMIG_MIGRATION_CHUNK_RECORDS", Integer.toString(CHUNK_RECORDS));
        return env;
    }

    // --- the snapshot -----------------------------------------------------------------------

    private static int userId(int position) {
        Integer repeated = USER_DUPLICATES.get(position);
        return repeated != null ? userId(repeated) : position + 1;
    }

    private static String userName(int position) {
        return "User " + position + (USER_DUPLICATES.containsKey(position) ? " (again)" : "");
    }

    private static String email(int position) {
        return "user" + position + "@example.org";
    }

    private static int postId(int position) {
        Integer repeated = POST_DUPLICATES.get(position);
        return repeated != null ? postId(repeated) : position + 1;
    }

    /** A user that exists, except for the orphans; never one whose record is a duplicate (its id is not loaded). */
    private static int postUser(int position) {
        if (ORPHAN_POSTS.contains(position)) {
            return MISSING_USER;
        }
        int user = (int) ((position * 7L) % USERS);
        return USER_DUPLICATES.containsKey(user) ? 1 : user + 1;
    }

    private static String postTitle(int position) {
        return "Post " + position;
    }

    /** Commas, quotes, a backslash, a line break and non-ASCII: nothing in a value may end a CSV field or row. */
    private static String postBody(int position) {
        return "Body of post " + position + ", \"quoted\" \\ é ✓\nsecond line";
    }

    private static Path writeSnapshot() throws IOException {
        Path files = Files.createDirectories(work.resolve("snapshot/files"));
        try (JsonGenerator json = new JsonFactory().createGenerator(files.resolve("db.json").toFile(),
                JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("users");
            for (int p = 0; p < USERS; p++) {
                json.writeStartObject();
                json.writeNumberField("id", userId(p));
                json.writeStringField("name", userName(p));
                json.writeStringField("email", email(p));
                json.writeEndObject();
                json.writeRaw('\n');
            }
            json.writeEndArray();
            json.writeArrayFieldStart("posts");
            for (int p = 0; p < POSTS; p++) {
                json.writeStartObject();
                json.writeNumberField("id", postId(p));
                json.writeNumberField("userId", postUser(p));
                json.writeStringField("title", postTitle(p));
                json.writeStringField("body", postBody(p));
                json.writeEndObject();
                json.writeRaw('\n');
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return files.getParent();
    }

    private static Path schemaDir() throws IOException {
        Path schema = Files.createDirectories(work.resolve("schema"));
        Files.writeString(schema.resolve("V1__users_and_posts.sql"), """
                CREATE TABLE users (
                    id integer PRIMARY KEY,
                    name text NOT NULL,
                    email text NOT NULL
                );
                CREATE TABLE posts (
                    id integer PRIMARY KEY,
                    user_id integer NOT NULL REFERENCES users (id),
                    title text NOT NULL,
                    body text
                );
                """);
        return schema;
    }

    /** What backup-service announces for the snapshot; no mapping file: posts.userId → posts.user_id. */
    private static EventEnvelope backupCompleted(Path snapshot, Path schema) throws IOException {
        String id = MigrationIds.newId(Clock.systemUTC());
        Path source = Files.createDirectories(work.resolve("source"));
        RunSpec spec = new RunSpec(source.toString(), schema.toString(), null, "resume", "resume-after-kill-it")
                .withRejectThreshold(new RejectThreshold(10L, null));
        Map<String, Long> records = new LinkedHashMap<>();
        records.put("users", (long) USERS);
        records.put("posts", (long) POSTS);
        SnapshotSummary summary = new SnapshotSummary(id + "-a1", snapshot.toString(), "db-json", 1,
                Files.size(snapshot.resolve("files/db.json")), records, writeManifest(snapshot, id, records));
        return EventEnvelope.of(id, 1, "backup-service", "", new BackupCompleted(spec, summary), Instant.now());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The snapshot's manifest as backup-service writes it; returns its SHA-256. */
    private static String writeManifest(Path snapshot, String id, Map<String, Long> records) throws IOException {
        Path db = snapshot.resolve("files/db.json");
        String sha = sha256(Files.readAllBytes(db));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", "db.json");
        file.put("bytes", Files.size(db));
        file.put("sha256", sha);
        file.put("mode", "rw-r--r--");
        file.put("modifiedAt", Instant.now().toString());
        file.put("storedBytes", Files.size(db));
        file.put("storedSha256", sha);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("formatVersion", 1);
        manifest.put("snapshotId", id + "-a1");
        manifest.put("migrationId", id);
        manifest.put("attempt", 1);
        manifest.put("sourceHost", "localhost");
        manifest.put("sourceDir", work.resolve("source").toString());
        manifest.put("createdAt", Instant.now().toString());
        manifest.put("layout", "db-json");
        manifest.put("storage", io.jsonmig.events.payload.SnapshotStorage.PLAIN);
        manifest.put("files", List.of(file));
        manifest.put("recordsPerCollection", records);
        byte[] bytes = io.jsonmig.events.serde.EventJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(manifest);
        Files.write(snapshot.resolve("manifest.json"), bytes);
        return sha256(bytes);
    }

    // --- the target -------------------------------------------------------------------------

    record Checkpoint(long nextPosition, long rows, long rejected, boolean finished) {
    }

    private static Optional<Checkpoint> checkpoint(String id, String collection) throws SQLException {
        try (Connection c = databases.connect(target)) {
            if (!exists(c, "public._jsonmig_load_checkpoints")) {
                return Optional.empty();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT next_position, rows_loaded, rejected, finished "
                    + "FROM _jsonmig_load_checkpoints WHERE migration_id = ? AND collection = ? AND attempt = 1")) {
                s.setString(1, id);
                s.setString(2, collection);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            rs.getBoolean(4))) : Optional.empty();
                }
            }
        }
    }

    private static long primaryKeys(String table) throws SQLException {
        try (Connection c = databases.connect(target); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid = "
                     + "to_regclass('public." + table + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(String table) throws SQLException {
        try (Connection c = databases.connect(target)) {
            if (!exists(c, "public." + table)) {
                return 0;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long otherConnections(String database) throws SQLException {
        try (Connection c = databases.connect(database);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? "
                     + "AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Long> rejectPositions(String id, String collection) throws SQLException {
        List<Long> positions = new ArrayList<>();
        try (Connection c = databases.connect(target)) {
            if (!exists(c, "public._jsonmig_rejects")) {
                return positions;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT position FROM _jsonmig_rejects "
                    + "WHERE migration_id = ? AND collection = ? ORDER BY position")) {
                s.setString(1, id);
                s.setString(2, collection);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        positions.add(rs.getLong(1));
                    }
                }
            }
        }
        return positions;
    }

    /**
     * The table holds one row per position that should load and nothing else: the same ids (none
     * twice, none missing), and the same values, compared as an MD5 of every row's text in id order.
     * The positions that load hold ids in ascending order.
     */
    private static void assertTableHoldsExactly(String table, IntUnaryOperator idOf, String rowText,
                                                List<Integer> positions, IntFunction<String> expectedRow)
            throws SQLException {
        List<Integer> expectedIds = positions.stream().map(idOf::applyAsInt).toList();
        List<Integer> ids = new ArrayList<>();
        try (Connection c = databases.connect(target); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            assertThat(ids).as("ids of %s", table).hasSameSizeAs(expectedIds).isEqualTo(expectedIds);
            String expected = String.join("\n", positions.stream().map(expectedRow::apply).toList());
            try (ResultSet rs = s.executeQuery("SELECT md5(string_agg(" + rowText + ", E'\\n' ORDER BY id)) FROM "
                    + table)) {
                rs.next();
                assertThat(rs.getString(1)).as("MD5 of every row of %s", table).isEqualTo(md5(expected));
            }
        }
    }

    /**
     * Each reject is in {@code _jsonmig_rejects} once and in the reject file once, with its reason and
     * the record exactly as the snapshot holds it.
     */
    private static void assertRejectedOnce(String id, Path rejectsDir, String collection, List<Integer> positions,
                                           List<String> reasons) throws Exception {
        List<Long> expected = positions.stream().map(Integer::longValue).toList();
        assertThat(rejectPositions(id, collection)).as("%s in _jsonmig_rejects", collection).isEqualTo(expected);
        try (Connection c = databases.connect(target);
             PreparedStatement s = c.prepareStatement("SELECT reason, raw::text FROM _jsonmig_rejects "
                     + "WHERE migration_id = ? AND collection = ? ORDER BY position")) {
            s.setString(1, id);
            s.setString(2, collection);
            try (ResultSet rs = s.executeQuery()) {
                for (int i = 0; i < positions.size(); i++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).startsWith(reasons.get(i));
                    assertThat(JSON.readTree(rs.getString(2))).isEqualTo(sourceRecord(collection, positions.get(i)));
                }
            }
        }
        Path file = rejectsDir.resolve(id).resolve(collection + ".rejects.ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).as("lines of %s", file).extracting(l -> l.path("position").asLong()).isEqualTo(expected);
        for (int i = 0; i < positions.size(); i++) {
            assertThat(lines.get(i).path("reason").asText()).startsWith(reasons.get(i));
            assertThat(lines.get(i).path("record")).isEqualTo(sourceRecord(collection, positions.get(i)));
        }
    }

    private static ObjectNode sourceRecord(String collection, int position) {
        ObjectNode record = JSON.createObjectNode();
        if (collection.equals("users")) {
            record.put("id", userId(position)).put("name", userName(position)).put("email", email(position));
        } else {
            record.put("id", postId(position)).put("userId", postUser(position)).put("title", postTitle(position))
                    .put("body", postBody(position));
        }
        return record;
    }

    private static List<Integer> loaded(int records, Set<Integer> rejected) {
        return IntStream.range(0, records).filter(p -> !rejected.contains(p)).boxed().toList();
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
