package io.jsonmig.backup;

import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.ReverseSyncVerified;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftCheckRequested;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.source.FileHashes;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Restore, drift check and the snapshot REST resource, on real files, a real broker and a real ledger. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class RestoreAndDriftTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, String> COLLECTIONS = Map.of(
            "users.json", "[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Grace\"}]\n",
            "posts.json", "[{\"id\":10,\"userId\":1,\"title\":\"Engines\"}]\n",
            "comments.json", "[{\"id\":100,\"postId\":10,\"body\":\"first\"}]\n",
            "tags.json", "[{\"id\":7,\"label\":\"history\"}]\n");

    private static EventProbe probe;
    private static Path workDir;

    @Inject
    SnapshotCodec codec;

    @BeforeAll
    static void connect() throws IOException {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
        workDir = Files.createTempDirectory("jsonmig-restore-test-");
    }

    @AfterAll
    static void disconnect() {
        probe.close();
        TestFiles.deleteTree(workDir);
    }

    @Test
    void restoresTruncatedEditedAndDeletedFilesByteForByteAndKeepsTheChangedOnes() throws IOException {
        Path source = collectionsSource("damaged");
        Files.setPosixFilePermissions(source.resolve("users.json"), PosixFilePermissions.fromString("rw-r-----"));
        Map<String, Fingerprint> original = fingerprints(source);
        SnapshotSummary snapshot = backUp(source);
        FileTime untouchedModified = Files.getLastModifiedTime(source.resolve("tags.json"));

        byte[] truncated = "[{\"id\":1,\"na".getBytes();
        Files.write(source.resolve("users.json"), truncated);
        Files.setPosixFilePermissions(source.resolve("users.json"), PosixFilePermissions.fromString("rw-rw-rw-"));
        String edited = COLLECTIONS.get("posts.json").replace("Engines", "Analytical engines");
        Files.writeString(source.resolve("posts.json"), edited);
        Files.delete(source.resolve("comments.json"));

        JsonPath report = given().post("/snapshots/{id}/restore", snapshot.snapshotId()).then()
                .statusCode(200)
                .body("snapshotId", equalTo(snapshot.snapshotId()))
                .body("unchanged", equalTo(1)).body("restoredMissing", equalTo(1))
                .body("restoredChanged", equalTo(2)).body("failed", equalTo(0)).body("succeeded", equalTo(true))
                .extract().jsonPath();

        assertThat(outcomes(report)).containsOnly(Map.entry("users.json", "RESTORED_CHANGED"),
                Map.entry("posts.json", "RESTORED_CHANGED"), Map.entry("comments.json", "RESTORED_MISSING"),
                Map.entry("tags.json", "UNCHANGED"));
        assertThat(fingerprints(source)).isEqualTo(original);
        assertThat(Files.getLastModifiedTime(source.resolve("tags.json"))).isEqualTo(untouchedModified);
        Path usersConflict = Path.of(conflictCopyOf(report, "users.json"));
        Path postsConflict = Path.of(conflictCopyOf(report, "posts.json"));
        assertThat(usersConflict.getParent()).isEqualTo(source);
        assertThat(usersConflict.getFileName().toString())
                .matches("users\\.json\\.jsonmig-conflict-" + snapshot.snapshotId() + "-\\d{8}T\\d{6}Z");
        assertThat(Files.readAllBytes(usersConflict)).isEqualTo(truncated);
        assertThat(Files.readString(postsConflict)).isEqualTo(edited);
        assertThat(conflictCopies(source)).containsExactlyInAnyOrder(usersConflict, postsConflict);
        assertThat(hiddenFiles(source)).as("no temporary file is left behind").isEmpty();

        // a second restore finds everything in place and does nothing
        given().post("/snapshots/{id}/restore", snapshot.snapshotId()).then()
                .statusCode(200).body("unchanged", equalTo(4)).body("failed", equalTo(0));
        assertThat(conflictCopies(source)).hasSize(2);
        assertThat(fingerprints(source)).isEqualTo(original);
    }

    @Test
    void aTemporaryCopyLeftByAKilledRestoreIsRemovedByTheNextRestoreOfItsFile() throws IOException {
        Path source = collectionsSource("killed-restore");
        Map<String, Fingerprint> original = fingerprints(source);
        SnapshotSummary snapshot = backUp(source);
        // what a restore killed in the middle of writing users.json and tags.json leaves beside them
        Files.writeString(source.resolve(".users.json.jsonmig-restore-" + java.util.UUID.randomUUID()), "[{\"id\":1,");
        Files.writeString(source.resolve(".tags.json.jsonmig-restore-" + java.util.UUID.randomUUID()), "[");
        Path someoneElses = Files.writeString(source.resolve(".users.json.swp"), "an editor's file");
        Files.writeString(source.resolve("users.json"), "[]");

        given().post("/snapshots/{id}/restore", snapshot.snapshotId()).then()
                .statusCode(200).body("restoredChanged", equalTo(1)).body("failed", equalTo(0));

        assertThat(hiddenFiles(source)).as("only what a restore wrote is removed").containsExactly(someoneElses);
        Files.delete(someoneElses);
        assertThat(fingerprints(source)).isEqualTo(original);
    }

    @Test
    void restoringAnUntouchedSourceChangesNothing() throws IOException {
        Path source = collectionsSource("untouched");
        SnapshotSummary snapshot = backUp(source);
        Map<Path, FileTime> modified = modificationTimes(source);

        given().post("/snapshots/{id}/restore", snapshot.snapshotId()).then()
                .statusCode(200)
                .body("unchanged", equalTo(4)).body("restoredMissing", equalTo(0)).body("restoredChanged", equalTo(0))
                .body("files.findAll { it.conflictCopy != null }", hasSize(0));

        assertThat(modificationTimes(source)).isEqualTo(modified);
    }

    @Test
    void restoresFromACompressedSnapshotThroughTheCodec() throws IOException {
        Path source = collectionsSource("compressed");
        Map<String, Fingerprint> original = fingerprints(source);
        SnapshotSummary snapshot = backUp(source);
        SnapshotStorage gzip = new SnapshotStorage(SnapshotStorage.GZIP, SnapshotStorage.NONE, null);
        Path filesDir = Path.of(snapshot.location()).resolve("files");
        Map<String, Path> stored = new LinkedHashMap<>();
        for (String name : COLLECTIONS.keySet()) {
            stored.put(name, filesDir.resolve(name));
            byte[] plain = Files.readAllBytes(filesDir.resolve(name));
            try (OutputStream out = codec.encoder(Files.newOutputStream(filesDir.resolve(name)), gzip)) {
                out.write(plain);
            }
        }
        rewriteManifest(snapshot, manifest -> {
            manifest.set("storage", EventJson.mapper().valueToTree(gzip));
            for (JsonNode file : manifest.get("files")) {
                Path copy = stored.get(file.get("path").asText());
                try {
                    ((ObjectNode) file).put("storedBytes", Files.size(copy))
                            .put("storedSha256", FileHashes.sha256(copy));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        assertThat(Files.readAllBytes(stored.get("users.json"))).startsWith(0x1f, 0x8b);
        Files.delete(source.resolve("users.json"));
        Files.writeString(source.resolve("posts.json"), "[]");

        given().post("/snapshots/{id}/restore", snapshot.snapshotId()).then()
                .statusCode(200).body("restoredMissing", equalTo(1)).body("restoredChanged", equalTo(1))
                .body("failed", equalTo(0));

        assertThat(fingerprints(source)).isEqualTo(original);
    }

    @Test
    void manifestPathsWithParentSegmentsOrAbsolutePathsAreRefused() throws IOException {
        Path source = collectionsSource("traversal");
        SnapshotSummary snapshot = backUp(source);
        Path outside = workDir.resolve("outside.json");
        Path absolute = workDir.resolve("absolute.json");
        rewriteManifest(snapshot, manifest -> {
            ((ObjectNode) manifest.get("files").get(0)).put("path", "../outside.json");
            ((ObjectNode) manifest.get("files").get(1)).put("path", absolute.toString());
        });

        JsonPath report = given().post("/snapshots/{id}/restore", snapshot.snapshotId()).then()
                .statusCode(200).body("failed", equalTo(2)).body("succeeded", equalTo(false))
                .extract().jsonPath();

        assertThat(errorOf(report, "../outside.json")).contains("contains '..'");
        assertThat(errorOf(report, absolute.toString())).contains("is absolute");
        assertThat(outside).doesNotExist();
        assertThat(absolute).doesNotExist();
    }

    @Test
    void aModifiedManifestIsNotTrusted() throws IOException {
        Path source = collectionsSource("tampered-manifest");
        SnapshotSummary snapshot = backUp(source);
        Path manifest = Path.of(snapshot.location()).resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"posts.json\"", "\"../posts.json\""));
        Files.delete(source.resolve("posts.json"));

        given().post("/snapshots/{id}/restore", snapshot.snapshotId()).then()
                .statusCode(409)
                .body("error", containsString(manifest.toString()))
                .body("error", containsString("but the ledger recorded"));
        assertThat(source.resolve("posts.json")).doesNotExist();
        assertThat(workDir.resolve("posts.json")).doesNotExist();
    }

    @Test
    void aSnapshotWhoseDirectoryIsGoneIsShownButNotUsed() throws IOException {
        Path source = collectionsSource("gone");
        SnapshotSummary snapshot = backUp(source);
        TestFiles.deleteTree(Path.of(snapshot.location()));

        given().get("/snapshots/{id}", snapshot.snapshotId()).then()
                .statusCode(200)
                .body("snapshot.snapshotId", equalTo(snapshot.snapshotId()))
                .body("manifest", equalTo(null))
                .body("manifestProblem", containsString("is no longer stored"));
        given().get("/snapshots/{id}/drift", snapshot.snapshotId()).then()
                .statusCode(409).body("error", containsString(snapshot.location() + " does not exist"));
        given().post("/snapshots/{id}/restore", snapshot.snapshotId()).then().statusCode(409);
    }

    @Test
    void aCorruptedSnapshotFileIsNamedByVerifyAndRefusedByRestore() throws IOException {
        Path source = collectionsSource("corrupted");
        SnapshotSummary snapshot = backUp(source);
        given().post("/snapshots/{id}/verify", snapshot.snapshotId()).then()
                .statusCode(200).body("ok", equalTo(true)).body("problems", hasSize(0));
        Path stored = Path.of(snapshot.location()).resolve("files").resolve("posts.json");
        Files.writeString(stored, COLLECTIONS.get("posts.json").replace("Engines", "Engine5"));
        String edited = "[]\n";
        Files.writeString(source.resolve("posts.json"), edited);

        given().post("/snapshots/{id}/verify", snapshot.snapshotId()).then()
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("problems", hasSize(1))
                .body("problems[0]", containsString(stored.toString()));
        JsonPath report = given().post("/snapshots/{id}/restore", snapshot.snapshotId()).then()
                .statusCode(200).body("failed", equalTo(1)).body("unchanged", equalTo(3))
                .extract().jsonPath();

        assertThat(errorOf(report, "posts.json")).contains(stored.toString()).contains("is corrupt")
                .contains("the live file was left as it is");
        assertThat(Files.readString(source.resolve("posts.json"))).isEqualTo(edited);
        assertThat(conflictCopies(source)).isEmpty();
        assertThat(hiddenFiles(source)).isEmpty();
    }

    @Test
    void driftOverRestIsCleanUntilALiveFileChangesAndChangesNothing() throws IOException {
        Path source = collectionsSource("drift-rest");
        SnapshotSummary snapshot = backUp(source);

        given().get("/snapshots/{id}/drift", snapshot.snapshotId()).then()
                .statusCode(200)
                .body("snapshotId", equalTo(snapshot.snapshotId()))
                .body("sourceDir", equalTo(source.toString()))
                .body("clean", equalTo(true)).body("files", hasSize(0));

        String edited = COLLECTIONS.get("tags.json").replace("history", "science");
        Files.writeString(source.resolve("tags.json"), edited);
        Files.delete(source.resolve("users.json"));

        JsonPath drift = given().get("/snapshots/{id}/drift", snapshot.snapshotId()).then()
                .statusCode(200).body("clean", equalTo(false)).body("files", hasSize(2))
                .extract().jsonPath();
        Map<String, Object> tags = drift.getMap("files.find { it.path == 'tags.json' }");
        assertThat(tags).containsEntry("change", FileDrift.CHANGED)
                .containsEntry("expectedSha256", FileHashes.sha256(COLLECTIONS.get("tags.json").getBytes()))
                .containsEntry("actualSha256", FileHashes.sha256(edited.getBytes()))
                .containsEntry("actualBytes", edited.length());
        Map<String, Object> users = drift.getMap("files.find { it.path == 'users.json' }");
        assertThat(users).containsEntry("change", FileDrift.MISSING).containsEntry("actualSha256", null);
        assertThat(Files.readString(source.resolve("tags.json"))).isEqualTo(edited);
        assertThat(source.resolve("users.json")).doesNotExist();
    }

    @Test
    void aDriftCheckRequestIsAnsweredOnceWithTheRunsLatestSnapshot() throws IOException {
        Path source = collectionsSource("drift-event");
        EventEnvelope request = requestEvent(source);
        probe.publish(request);
        SnapshotSummary snapshot = probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT)
                .payloadAs(BackupCompleted.class).snapshot();

        EventEnvelope clean = probe.publish(driftCheck(request, null, "first"));
        DriftChecked first = awaitAnswer(clean);
        assertThat(first.clean()).isTrue();
        assertThat(first.snapshotId()).isEqualTo(snapshot.snapshotId());

        Files.writeString(source.resolve("posts.json"), "[]");
        EventEnvelope afterEdit = driftCheck(request, snapshot.snapshotId(), "second");
        probe.publish(afterEdit);
        probe.publish(afterEdit);
        DriftChecked second = awaitAnswer(afterEdit);
        assertThat(second.clean()).isFalse();
        assertThat(second.files()).extracting(FileDrift::path, FileDrift::change)
                .containsExactly(tuple("posts.json", FileDrift.CHANGED));

        // a later request on the same topic is answered only after both deliveries of the second were handled
        awaitAnswer(probe.publish(driftCheck(request, null, "third")));
        assertThat(probe.eventsOf(request.migrationId()))
                .filteredOn(e -> e.type() == EventType.DRIFT_CHECKED).hasSize(3);
    }

    @Test
    void aDriftCheckForARunWithoutSnapshotIsAnsweredNotClean() {
        EventEnvelope request = requestEvent(workDir.resolve("never-backed-up"));
        DriftChecked answer = awaitAnswer(probe.publish(driftCheck(request, null, "")));

        assertThat(answer.clean()).isFalse();
        assertThat(answer.files()).isEmpty();
    }

    @Test
    void theRollbackRestoresAnEditedFileKeepsTheEditAndRevertsTheDatasourceOnce() throws IOException {
        Path source = collectionsSource("rollback");
        Map<String, Fingerprint> original = fingerprints(source);
        EventEnvelope request = requestEvent(source);
        probe.publish(request);
        probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);
        String edited = COLLECTIONS.get("users.json").replace("Grace", "Grace Hopper");
        Files.writeString(source.resolve("users.json"), edited);

        EventEnvelope compensated = targetCompensated(request, "");
        probe.publish(compensated);
        probe.publish(compensated);

        RollbackStepCompleted step = probe.awaitMatching(request.migrationId(),
                e -> e.payload() instanceof RollbackStepCompleted s && s.compensator().equals("backup-service"),
                "backup-service rollback step", TIMEOUT).payloadAs(RollbackStepCompleted.class);
        assertThat(step.succeeded()).isTrue();
        List<Path> conflicts = conflictCopies(source);
        assertThat(conflicts).hasSize(1);
        assertThat(Files.readString(conflicts.get(0))).isEqualTo(edited);
        assertThat(step.actions()).contains(
                "users.json: differed from the backup, restored from snapshot " + request.migrationId()
                        + "-a1; the changed file is kept as " + conflicts.get(0),
                "posts.json: matches the backup, left as it was");
        assertThat(step.actions()).anySatisfy(a -> assertThat(a).contains("4 JSON file(s) in " + source)
                .contains("3 unchanged").contains("1 restored (changed, conflict copy kept)"));
        assertThat(fingerprints(source)).isEqualTo(original);

        // another run's rollback on the same topic: once it is reverted, both deliveries above were handled
        EventEnvelope marker = targetCompensated(requestEvent(workDir.resolve("marker")), "");
        probe.publish(marker);
        probe.await(marker.migrationId(), EventType.DATASOURCE_REVERTED, TIMEOUT);
        List<EventEnvelope> reverted = probe.eventsOf(request.migrationId()).stream()
                .filter(e -> e.type() == EventType.DATASOURCE_REVERTED).toList();
        assertThat(reverted).hasSize(1);
        assertThat(reverted.get(0).payloadAs(DatasourceReverted.class).reason()).contains("match the backup");
    }

    @Test
    void aVerifiedReverseSyncReplacesTheLiveFilesAndKeepsOnlyWhatSomeoneWroteSinceTheCutover() throws IOException {
        Path source = collectionsSource("reverse-sync");
        EventEnvelope request = requestEvent(source);
        probe.publish(request);
        probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);
        // What the export of the fenced tables holds: users as PostgreSQL has them now (here a second
        // snapshot of the same directory stands in for migration-service's export).
        String usersInPostgres = COLLECTIONS.get("users.json").replace("Grace", "Grace Hopper");
        Files.writeString(source.resolve("users.json"), usersInPostgres);
        SnapshotSummary export = backUp(source);
        Files.writeString(source.resolve("users.json"), COLLECTIONS.get("users.json")); // as at the cut-over
        String writtenByHand = "[{\"id\":7,\"label\":\"edited in the file by someone\"}]\n";
        Files.writeString(source.resolve("tags.json"), writtenByHand);
        RunSpec spec = request.payloadAs(MigrationRequested.class).spec();
        List<CollectionSync> carried = List.of(new CollectionSync("users", "users", 1, 1, 0, 0, 0));
        EventEnvelope verified = EventEnvelope.of(request.migrationId(), 1, "verification-service", "",
                new ReverseSyncVerified(spec, export, List.of(), "/reports/reverse.json", carried), Instant.now());
        probe.publish(verified);
        probe.publish(verified);

        EventEnvelope reverted = probe.await(request.migrationId(), EventType.DATASOURCE_REVERTED, TIMEOUT);
        DatasourceReverted payload = reverted.payloadAs(DatasourceReverted.class);
        assertThat(payload.carriedBack()).isEqualTo(carried);
        assertThat(payload.reason()).contains("1 record(s) written in PostgreSQL since the cut-over are now in the "
                + "JSON files");
        assertThat(Files.readString(source.resolve("users.json"))).isEqualTo(usersInPostgres);
        assertThat(Files.readString(source.resolve("tags.json"))).isEqualTo(COLLECTIONS.get("tags.json"));
        List<Path> conflicts = conflictCopies(source);
        assertThat(conflicts).as("only the file someone wrote since the cut-over is kept aside").hasSize(1);
        assertThat(Files.readString(conflicts.get(0))).isEqualTo(writtenByHand);
        RollbackStepCompleted step = probe.awaitMatching(request.migrationId(),
                e -> e.payload() instanceof RollbackStepCompleted s && s.compensator().equals("backup-service"),
                "backup-service rollback step", TIMEOUT).payloadAs(RollbackStepCompleted.class);
        assertThat(step.succeeded()).isTrue();
        assertThat(step.actions()).contains("users.json: was as at the cut-over, replaced from snapshot "
                + export.snapshotId());
        assertThat(hiddenFiles(source)).isEmpty();
    }

    @Test
    void aRollbackOfARunThatWasCutOverLeavesTheFilesAndRevertsNothing() throws IOException {
        Path source = collectionsSource("cut-over-then-compensated");
        EventEnvelope request = requestEvent(source);
        probe.publish(request);
        probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT);
        RunSpec spec = request.payloadAs(MigrationRequested.class).spec();
        probe.publish(EventEnvelope.of(request.migrationId(), 1, "verification-service", "",
                new io.jsonmig.events.payload.VerificationPassed(spec, List.of(), "/reports/r.json"), Instant.now()));
        probe.await(request.migrationId(), EventType.CUTOVER_READY, TIMEOUT);
        String writtenSince = COLLECTIONS.get("users.json").replace("Ada", "Ada Lovelace");
        Files.writeString(source.resolve("users.json"), writtenSince);

        probe.publish(targetCompensated(request, "after-cutover"));

        RollbackStepCompleted step = probe.awaitMatching(request.migrationId(),
                e -> e.payload() instanceof RollbackStepCompleted s && s.compensator().equals("backup-service"),
                "backup-service rollback step", TIMEOUT).payloadAs(RollbackStepCompleted.class);
        assertThat(step.actions()).anySatisfy(a -> assertThat(a).startsWith("the run was cut over"));
        assertThat(Files.readString(source.resolve("users.json"))).isEqualTo(writtenSince);
        assertThat(conflictCopies(source)).isEmpty();
        EventEnvelope marker = targetCompensated(requestEvent(workDir.resolve("marker-cutover")), "");
        probe.publish(marker);
        probe.await(marker.migrationId(), EventType.DATASOURCE_REVERTED, TIMEOUT);
        assertThat(probe.eventsOf(request.migrationId())).extracting(EventEnvelope::type)
                .doesNotContain(EventType.DATASOURCE_REVERTED);
    }

    @Test
    void listsAndShowsSnapshotsNewestFirst() throws IOException {
        Path source = collectionsSource("listed");
        SnapshotSummary older = backUp(source);
        SnapshotSummary newer = backUp(source);

        given().queryParam("sourceDir", source.toString()).get("/snapshots").then()
                .statusCode(200)
                .body("snapshotId", equalTo(List.of(newer.snapshotId(), older.snapshotId())))
                .body("[0].files", equalTo(4));
        String migrationId = older.snapshotId().substring(0, older.snapshotId().lastIndexOf("-a"));
        given().queryParam("migrationId", migrationId).get("/snapshots").then()
                .statusCode(200).body("snapshotId", equalTo(List.of(older.snapshotId())));
        given().get("/snapshots").then().statusCode(200).body("snapshotId", hasItem(older.snapshotId()));

        given().get("/snapshots/{id}", older.snapshotId()).then()
                .statusCode(200)
                .body("snapshot.location", equalTo(older.location()))
                .body("snapshot.manifestSha256", equalTo(older.manifestSha256()))
                .body("manifest.sourceDir", equalTo(source.toString()))
                .body("manifest.files.path", equalTo(List.of("comments.json", "posts.json", "tags.json", "users.json")))
                .body("manifest.files.find { it.path == 'users.json' }.sha256",
                        equalTo(FileHashes.sha256(COLLECTIONS.get("users.json").getBytes())))
                .body("manifestProblem", equalTo(null));
    }

    @Test
    void unknownSnapshotsAre404AndMalformedIdsAre400WithAnError() {
        given().get("/snapshots/{id}", "mig-20260101-000000-0000-a1").then()
                .statusCode(404).body("error", containsString("unknown snapshot mig-20260101-000000-0000-a1"));
        given().post("/snapshots/{id}/restore", "mig-20260101-000000-0000-a7").then().statusCode(404);
        given().get("/snapshots/{id}/drift", "mig-20260101-000000-0000-a7").then().statusCode(404);

        for (String invalid : List.of("..-a1", "mig-20260101-000000-0000", "mig-20260101-000000-0000-a0",
                "Mig-20260101-000000-0000-a1", "mig-20260101-000000-0000-a1%2F..%2F..", "x-a1")) {
            given().urlEncodingEnabled(false).get("/snapshots/" + invalid).then()
                    .statusCode(400).body("error", containsString("invalid snapshot id"));
        }
        given().urlEncodingEnabled(false).post("/snapshots/..%2Fetc-a1/restore").then().statusCode(400);
        given().queryParam("migrationId", "../etc").get("/snapshots").then()
                .statusCode(400).body("error", containsString("invalid migrationId"));
    }

    private static DriftChecked awaitAnswer(EventEnvelope request) {
        String answerId = EventEnvelope.deterministicId(request.migrationId(), EventType.DRIFT_CHECKED,
                request.attempt(), "drift|" + request.eventId());
        return probe.awaitMatching(request.migrationId(), e -> e.eventId().equals(answerId),
                "the answer to drift check " + request.eventId(), TIMEOUT).payloadAs(DriftChecked.class);
    }

    private static EventEnvelope driftCheck(EventEnvelope run, String snapshotId, String step) {
        return EventEnvelope.of(run.migrationId(), 1, "test", step, new DriftCheckRequested(snapshotId, "test"),
                Instant.now());
    }

    private static EventEnvelope targetCompensated(EventEnvelope request, String rollback) {
        RunSpec spec = request.payloadAs(MigrationRequested.class).spec();
        return EventEnvelope.of(request.migrationId(), 1, "migration-service", "migration-service|" + rollback,
                new RollbackStepCompleted("migration-service", Phase.MIGRATION, List.of("dropped nothing"), true, spec),
                Instant.now());
    }

    /** Rewrites the manifest and records the new manifest hash as the one written. */
    private static void rewriteManifest(SnapshotSummary snapshot, Consumer<ObjectNode> edit) throws IOException {
        Path location = Path.of(snapshot.location());
        Path manifest = location.resolve("manifest.json");
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(manifest.toFile());
        edit.accept(json);
        byte[] bytes = EventJson.mapper().writeValueAsBytes(json);
        Files.write(manifest, bytes);
        String sha256 = FileHashes.sha256(bytes);
        Path checksum = location.resolve("manifest.json.sha256");
        if (Files.exists(checksum)) {
            Files.writeString(checksum, sha256 + "  manifest.json\n");
        }
        QuarkusTransaction.requiringNew()
                .run(() -> Snapshot.<Snapshot>findById(snapshot.snapshotId()).manifestSha256 = sha256);
    }

    private static SnapshotSummary backUp(Path source) {
        EventEnvelope request = probe.publish(requestEvent(source));
        return probe.await(request.migrationId(), EventType.BACKUP_COMPLETED, TIMEOUT)
                .payloadAs(BackupCompleted.class).snapshot();
    }

    private static EventEnvelope requestEvent(Path source) {
        RunSpec spec = new RunSpec(source.toString(), "/unused/schema", null, "test", "restore-test");
        return EventEnvelope.of(MigrationIds.newId(Clock.systemUTC()), 1, "test", "", new MigrationRequested(spec),
                Instant.now());
    }

    private static Path collectionsSource(String name) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(name));
        for (Map.Entry<String, String> file : COLLECTIONS.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        return dir.toRealPath();
    }

    /** What a restore must reproduce of a file. */
    private record Fingerprint(String sha256, long bytes, String mode) {
    }

    /** Every JSON file of the directory by name. */
    private static Map<String, Fingerprint> fingerprints(Path dir) throws IOException {
        Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                fingerprints.put(file.getFileName().toString(), new Fingerprint(FileHashes.sha256(file),
                        Files.size(file), PosixFilePermissions.toString(Files.getPosixFilePermissions(file))));
            }
        }
        return fingerprints;
    }

    private static Map<Path, FileTime> modificationTimes(Path dir) throws IOException {
        Map<Path, FileTime> times = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                times.put(file, Files.getLastModifiedTime(file));
            }
        }
        return times;
    }

    private static List<Path> conflictCopies(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".jsonmig-conflict-")).sorted().toList();
        }
    }

    private static List<Path> hiddenFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static Map<String, String> outcomes(JsonPath report) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Map<String, Object> file : report.<Map<String, Object>>getList("files")) {
            outcomes.put((String) file.get("path"), (String) file.get("outcome"));
        }
        return outcomes;
    }

    private static String conflictCopyOf(JsonPath report, String path) {
        return fileEntry(report, path, "conflictCopy");
    }

    private static String errorOf(JsonPath report, String path) {
        return fileEntry(report, path, "error");
    }

    private static String fileEntry(JsonPath report, String path, String field) {
        return report.<Map<String, Object>>getList("files").stream()
                .filter(f -> path.equals(f.get("path"))).map(f -> (String) f.get(field))
                .findFirst().orElseThrow(() -> new AssertionError("no entry for " + path + " in " + report.prettify()));
    }
}
