package io.jsonmig.cli.start;

import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.Stabilization;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The run file and the flags over it, through the same picocli mixin 'start' uses: what a file gives,
 * where its relative paths lead, which value wins, and every kind of problem with its exact
 * file:line:column and key.
 */
class RunFileTest {

    private static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");
    private static final String ROOT_KEYS = "Known keys: version, source, schema, mapping, target, reject, append, "
            + "maintenanceWindow, smokeChecks, notify, dryRun, remotePaths, stabilization";

    @TempDir
    Path dir;
    private Path app;

    @Command(name = "host")
    static class Host {
        @Spec
        CommandSpec spec;
        @Mixin
        RunOptions run;
    }

    @BeforeEach
    void application() throws IOException {
        app = Files.createDirectories(dir.resolve("app"));
        Files.createDirectories(app.resolve("data/shop"));
        Files.writeString(app.resolve("data/users.json"), "[]");
        Files.writeString(app.resolve("data/shop/orders.json"), "[]");
        Files.createDirectories(app.resolve("schema"));
        Files.writeString(app.resolve("mapping.yaml"), "version: 2\n");
    }

    @Test
    void theBlogExampleIsTheRunItDescribes() throws IOException {
        Path blog = Path.of("../examples/blog").toRealPath();

        RunSpec spec = spec("-f", "../examples/blog/migration.yaml");

        assertThat(spec).isEqualTo(new RunSpec(blog.resolve("data").toString(), blog.resolve("schema").toString(),
                blog.resolve("mapping.yaml").toString(), "local", "tester", List.of(), null,
                new RejectThreshold(0L, null), false, "db-json",
                List.of(SmokeCheck.sql("users-loaded", "select count(*) from users", "40"),
                        SmokeCheck.sql("posts-have-authors", "select count(*) from posts p left join users u "
                                + "on u.id = p.user_id where u.id is null", "0")),
                Map.of(), false).withStabilization(Stabilization.of(Duration.ofHours(72))));
    }

    @Test
    void everySettingOfAFileGoesIntoTheSpecWithPathsRelativeToTheFilesDirectory() throws IOException {
        Path ops = Files.createDirectories(dir.resolve("ops"));
        Path file = write(ops.resolve("migration.yaml"), """
                version: 1
                source:
                  dir: ../app/data
                  files: [users.json, ./shop/orders.json]
                  layout: array-per-file
                schema: ../app/schema
                mapping: %s
                target: staging
                reject:
                  maxCount: 10
                  maxRatio: 0.01
                append: true
                maintenanceWindow:
                  scheduledAt: 2026-11-26T02:00:00+01:00
                  expectedDowntime: 45m
                smokeChecks:
                  - name: users
                    sql: select count(*) from users where active = true
                    expected: 35
                  - name: health
                    url: http://app.internal:8080/health?full=1
                    expectedStatus: 204
                  - name: no-orphans
                    sql: select null
                    expected: null
                notify:
                  stakeholders: [cto@example.com, pm@example.com]
                  operators: oncall@example.com
                dryRun: true
                remotePaths: false
                stabilization:
                  window: 3d
                """.formatted(app.resolve("mapping.yaml")));

        RunSpec spec = spec("-f", file.toString());

        Path real = app.toRealPath();
        assertThat(spec.sourceDir()).isEqualTo(real.resolve("data").toString());
        assertThat(spec.sourceFiles()).containsExactly("users.json", "shop/orders.json");
        assertThat(spec.layout()).isEqualTo("array-per-file");
        assertThat(spec.schemaDir()).isEqualTo(real.resolve("schema").toString());
        assertThat(spec.mappingFile()).isEqualTo(real.resolve("mapping.yaml").toString());
        assertThat(spec.targetProfile()).isEqualTo("staging");
        assertThat(spec.rejectThreshold()).isEqualTo(new RejectThreshold(10L, 0.01));
        assertThat(spec.append()).isTrue();
        assertThat(spec.maintenanceWindow()).isEqualTo(new MaintenanceWindow(Instant.parse("2026-11-26T01:00:00Z"),
                Duration.ofMinutes(45)));
        assertThat(spec.smokeChecks()).containsExactly(
                SmokeCheck.sql("users", "select count(*) from users where active = true", "35"),
                SmokeCheck.http("health", "http://app.internal:8080/health?full=1", 204),
                SmokeCheck.sql("no-orphans", "select null", null));
        assertThat(spec.recipients()).containsExactly(
                Map.entry("stakeholders", List.of("cto@example.com", "pm@example.com")),
                Map.entry("operators", List.of("oncall@example.com")));
        assertThat(spec.dryRun()).isTrue();
        assertThat(spec.stabilization()).isEqualTo(Stabilization.of(Duration.ofDays(3)));
        assertThat(spec.requestedBy()).isEqualTo("tester");
    }

    @Test
    void theStabilizationWindowIsSeventyTwoHoursUnlessGivenNoneForADryRunAndAtMostNinetyDays() throws IOException {
        Path none = write(app.resolve("no-window.yaml"), """
                version: 1
                source: data
                schema: schema
                stabilization:
                  window: 0
                """);
        Path tooLong = write(app.resolve("long-window.yaml"), """
                version: 1
                source: data
                schema: schema
                stabilization:
                  window: 91d
                  until: forever
                """);

        String[] plain = {"--source", app.resolve("data").toString(), "--schema", app.resolve("schema").toString()};
        assertThat(spec(plain).stabilization()).as("absent: the default window")
                .isEqualTo(Stabilization.of(Duration.ofHours(72)));
        Host host = host(plain);
        assertThat(host.run.resolve(host.spec, "tester", NOW).settings().describe())
                .contains("  stabilization.window               PT72H  (default)");
        String[] dryRun = {"--source", app.resolve("data").toString(), "--schema", app.resolve("schema").toString(),
                "--dry-run"};
        assertThat(spec(dryRun).stabilization()).as("a dry run never cuts over: no window").isNull();
        assertThat(spec("-f", none.toString()).stabilization()).isEqualTo(Stabilization.NONE);
        assertThat(spec("-f", none.toString(), "--stabilization-window", "36h").stabilization())
                .as("a flag wins over the file").isEqualTo(Stabilization.of(Duration.ofHours(36)));
        assertThat(problems("-f", tooLong.toString())).containsExactlyInAnyOrder(
                tooLong + ":6:3: stabilization.until: unknown key; Known keys here: window",
                tooLong + ":5:3: stabilization.window: stabilization window '91d' is longer than 90 days");
    }

    @Test
    void flagsWinOverTheFileAndTheirRelativePathsAreTheWorkingDirectorys() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: 1
                source:
                  dir: data
                  files: [users.json]
                schema: schema
                mapping: mapping.yaml
                target: staging
                append: true
                dryRun: true
                smokeChecks:
                  - name: users
                    sql: select count(*) from users
                    expected: "40"
                  - name: posts
                    sql: select count(*) from posts
                    expected: "120"
                notify:
                  operators: [oncall@example.com]
                  stakeholders: [cto@example.com]
                """);

        String dataFromHere = Path.of("").toAbsolutePath().relativize(app.resolve("data")).toString();

        RunSpec spec = spec("-f", file.toString(), "--target", "production", "--source", dataFromHere,
                "--no-append", "--no-dry-run", "--smoke-check", "users=sql:select count(*) from users=41",
                "--notify", "stakeholders=ceo@example.com,cfo@example.com");

        assertThat(spec.targetProfile()).isEqualTo("production");
        assertThat(dataFromHere).startsWith("../");
        assertThat(spec.sourceDir()).isEqualTo(app.toRealPath().resolve("data").toString());
        assertThat(spec.sourceFiles()).as("the file's source.files stay: no --file was given").containsExactly("users.json");
        assertThat(spec.schemaDir()).isEqualTo(app.toRealPath().resolve("schema").toString());
        assertThat(spec.append()).isFalse();
        assertThat(spec.dryRun()).isFalse();
        assertThat(spec.smokeChecks()).containsExactly(
                SmokeCheck.sql("users", "select count(*) from users", "41"),
                SmokeCheck.sql("posts", "select count(*) from posts", "120"));
        assertThat(spec.recipients()).containsExactly(
                Map.entry("operators", List.of("oncall@example.com")),
                Map.entry("stakeholders", List.of("ceo@example.com", "cfo@example.com")));
    }

    @Test
    void fileFlagsReplaceTheFilesSourceFiles() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: 1
                source: {dir: data, files: [users.json]}
                schema: schema
                """);

        assertThat(spec("-f", file.toString(), "--file", "shop/orders.json").sourceFiles())
                .containsExactly("shop/orders.json");
    }

    @Test
    void verboseSaysWhereEachSettingCameFrom() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: 1
                source: data
                schema: schema
                """);
        Host host = host("-f", file.toString(), "--schema", "../examples/blog/schema", "--dry-run");

        List<String> lines = host.run.resolve(host.spec, "tester", NOW).settings().describe();

        assertThat(lines).containsExactly(
                "  source.dir                         data  (" + file + ":2:1)",
                "  schema                             ../examples/blog/schema  (--schema)",
                "  target                             local  (default)",
                "  dryRun                             true  (--dry-run)");
    }

    @Test
    void remotePathsInAFileAreSentAsGivenAndMustBeAbsolute() throws IOException {
        Path file = write(dir.resolve("migration.yaml"), """
                version: 1
                source: /data/app/data
                schema: schema
                mapping: /data/app/./mapping.json
                remotePaths: true
                """);

        assertThat(problems("-f", file.toString())).containsExactly(file + ":3:1: schema: schema directory 'schema' "
                + "is not absolute: with remote paths the services get the path as given, and they have no working "
                + "directory of yours");
        RunSpec spec = spec("-f", file.toString(), "--schema", "/data/app/schema");
        assertThat(spec.sourceDir()).isEqualTo("/data/app/data");
        assertThat(spec.mappingFile()).isEqualTo("/data/app/./mapping.json");
    }

    @Test
    void pathsThatDoNotExistAreNamedWhereTheFileGivesThem() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: 1
                source:
                  dir: nodata
                  files: [users.json, ../secret.json, missing.json]
                schema: mapping.yaml
                """);

        assertThat(problems("-f", file.toString())).containsExactly(
                file + ":3:3: source.dir: source directory 'nodata' does not exist (resolved to "
                        + app.resolve("nodata") + ")",
                file + ":4:23: source.files[1]: source file '../secret.json' contains '..'; it must lie inside the "
                        + "source directory",
                file + ":5:1: schema: schema directory 'mapping.yaml' is not a directory");
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnesAndTheOneMeant() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: 1
                source:
                  dir: data
                  layuot: db-json
                schemas: schema
                dry-run: true
                scheduledAt: 2026-11-26T02:00:00Z
                max-rejects: 3
                colour: blue
                smokeChecks:
                  - name: users
                    query: select 1
                    expected: "1"
                """);

        assertThat(problems("-f", file.toString())).containsExactly(
                file + ":4:3: source.layuot: unknown key; did you mean 'layout'? Known keys here: dir, files, layout",
                file + ":5:1: schemas: unknown key; did you mean 'schema'? " + ROOT_KEYS,
                file + ":6:1: dry-run: unknown key; did you mean 'dryRun'? " + ROOT_KEYS,
                file + ":7:1: scheduledAt: unknown key; did you mean 'maintenanceWindow.scheduledAt'? " + ROOT_KEYS,
                file + ":8:1: max-rejects: unknown key; did you mean 'reject.maxCount'? " + ROOT_KEYS,
                file + ":9:1: colour: unknown key; " + ROOT_KEYS,
                file + ":12:5: smokeChecks[0].query: unknown key; Known keys here: name, sql, expected, url, expectedStatus",
                file + ": schema: missing: give the schema directory in the run file or as --schema");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheTypeExpected() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: "1"
                source:
                  dir: data
                  files: users.json
                schema: 5
                mapping:
                target: [staging]
                reject: 3
                append: yes please
                maintenanceWindow: tonight
                smokeChecks: {users: select 1}
                notify: oncall@example.com
                dryRun: 1
                """);

        assertThat(problems("-f", file.toString())).containsExactly(
                file + ":1:1: version: must be 1, not text ('1')",
                file + ":4:3: source.files: must be a list of files relative to the source directory, not text ('users.json')",
                file + ":5:1: schema: must be a directory, not a number (5)",
                file + ":6:1: mapping: must be a file, not empty",
                file + ":7:1: target: must be a profile name, not a list",
                file + ":8:1: reject: must be a mapping with maxCount and/or maxRatio, not a number (3)",
                file + ":9:1: append: must be true or false, not text ('yes please')",
                file + ":10:1: maintenanceWindow: must be a mapping with scheduledAt and/or expectedDowntime, not text ('tonight')",
                file + ":11:1: smokeChecks: must be a list of checks, each with name and either sql and expected, or url "
                        + "(and expectedStatus), not a mapping",
                file + ":12:1: notify: must be a mapping of audiences to e-mail addresses, e.g. 'stakeholders: "
                        + "[cto@example.com]', not text ('oncall@example.com')",
                file + ":13:1: dryRun: must be true or false, not a number (1)");
    }

    @Test
    void theVersionIsRequiredAndMustBeOne() throws IOException {
        Path missing = write(app.resolve("missing.yaml"), "source: data\nschema: schema\n");
        Path two = write(app.resolve("two.yaml"), "version: 2\nsource: data\nschema: schema\n");

        assertThat(problems("-f", missing.toString()))
                .containsExactly(missing + ": version: missing: a run file says which format it is in, 'version: 1'");
        assertThat(problems("-f", two.toString()))
                .containsExactly(two + ":1:1: version: 2 is not a version this jsonmig reads (it reads version 1)");
    }

    @Test
    void aMissingSourceOrSchemaIsNamedUnlessAFlagGivesIt() throws IOException {
        Path file = write(app.resolve("migration.yaml"), "version: 1\ntarget: staging\n");

        assertThat(problems("-f", file.toString())).containsExactly(
                file + ": source.dir: missing: give the source directory in the run file or as --source",
                file + ": schema: missing: give the schema directory in the run file or as --schema");
        assertThat(spec("-f", file.toString(), "--source", app.resolve("data").toString(), "--schema",
                app.resolve("schema").toString()).targetProfile()).isEqualTo("staging");
    }

    @Test
    void durationsAndTimesAreChecked() throws IOException {
        Path bad = write(app.resolve("bad.yaml"), """
                version: 1
                source: data
                schema: schema
                maintenanceWindow:
                  scheduledAt: 2026-11-26 02:00
                  expectedDowntime: 1 hour
                """);
        Path past = write(app.resolve("past.yaml"), """
                version: 1
                source: data
                schema: schema
                maintenanceWindow:
                  scheduledAt: 2026-11-25T19:00:00Z
                  expectedDowntime: 8 days
                """);
        Path alone = write(app.resolve("alone.yaml"), """
                version: 1
                source: data
                schema: schema
                maintenanceWindow:
                  scheduledAt: 2026-11-26T02:00:00Z
                """);

        assertThat(problems("-f", bad.toString())).containsExactly(
                bad + ":6:3: maintenanceWindow.expectedDowntime: invalid duration '1 hour': expected e.g. 30s, 10m, "
                        + "1h30m, 3d, 500ms or PT10M",
                bad + ":5:3: maintenanceWindow.scheduledAt: '2026-11-26 02:00' is not an ISO-8601 time with offset, "
                        + "e.g. 2026-11-25T22:00:00+01:00 or 2026-11-25T21:00:00Z");
        assertThat(problems("-f", past.toString())).containsExactly(
                past + ":6:3: maintenanceWindow.expectedDowntime: invalid duration '8 days': expected e.g. 30s, "
                        + "10m, 1h30m, 3d, 500ms or PT10M",
                past + ":5:3: maintenanceWindow.scheduledAt: 2026-11-25T19:00:00Z is not in the future (now is "
                        + NOW + ")");
        assertThat(problems("-f", alone.toString())).containsExactly(
                alone + ":5:3: maintenanceWindow.scheduledAt: needs maintenanceWindow.expectedDowntime (or "
                        + "--expected-downtime) (e.g. 30m, 2h): how long is the application down?");
        assertThat(spec("-f", alone.toString(), "--expected-downtime", "2h").maintenanceWindow())
                .isEqualTo(new MaintenanceWindow(Instant.parse("2026-11-26T02:00:00Z"), Duration.ofHours(2)));
    }

    @Test
    void aRejectThresholdOutOfRangeIsNamedAtItsKey() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: 1
                source: data
                schema: schema
                reject:
                  maxCount: -1

                  maxRatio: 1.5
                """);

        assertThat(problems("-f", file.toString())).containsExactly(
                file + ":5:3: reject.maxCount: -1 is negative: give 0 or more",
                file + ":7:3: reject.maxRatio: 1.5 is not between 0 and 1");
    }

    @Test
    void everyInvalidSmokeCheckIsNamedByItsPlaceInTheList() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: 1
                source: data
                schema: schema
                smokeChecks:
                  - name: users
                    sql: select count(*) from users
                  - name: both
                    sql: select 1
                    expected: "1"
                    url: http://app/health
                  - name: ftp
                    url: ftp://app/health
                  - name: Health
                    url: http://app/health
                  - name: status
                    url: http://app/health
                    expectedStatus: 700
                  - name: ratio
                    sql: select 0.50
                    expected: 0.50
                  - sql: select 1
                    expected: "1"
                  - name: twice
                    sql: select 1
                    expected: "1"
                  - name: twice
                    url: http://app/health
                  - select 1
                """);

        assertThat(problems("-f", file.toString())).containsExactly(
                file + ":5:5: smokeChecks[0].expected: missing: the value the query's first column must read, as "
                        + "PostgreSQL prints it (null for NULL or no row)",
                file + ":7:5: smokeChecks[1]: smoke check both: give either sql or url, not both",
                file + ":11:5: smokeChecks[2]: smoke check ftp: url must be http(s)://host/...",
                file + ":13:5: smokeChecks[3]: invalid smoke check name 'Health': expected lower-case letters, digits, "
                        + "'_' or '-', at most 64",
                file + ":15:5: smokeChecks[4]: smoke check status: expectedStatus 700 is not an HTTP status (100-599)",
                file + ":20:5: smokeChecks[5].expected: must be text as PostgreSQL prints the value, in quotes (e.g. "
                        + "'0.50', or 't' for true), not a number (0.5)",
                file + ":21:5: smokeChecks[6].name: missing: each smoke check has a name, shown in the report",
                file + ":26:5: smokeChecks[8].name: 'twice' is also the name of smokeChecks[7]; each smoke check "
                        + "needs a name of its own",
                file + ":28:5: smokeChecks[9]: must be a mapping with name and either sql and expected, or url (and "
                        + "expectedStatus), not text ('select 1')");
    }

    @Test
    void everyInvalidAudienceAndAddressIsNamed() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: 1
                source: data
                schema: schema
                notify:
                  stakeholders: [cto@example.com, bob, 42]
                  Ops: oncall@example.com
                  users: []
                """);

        assertThat(problems("-f", file.toString())).containsExactly(
                file + ":5:35: notify.stakeholders[1]: 'bob' is not an e-mail address",
                file + ":5:40: notify.stakeholders[2]: must be an e-mail address, not a number (42)",
                file + ":6:3: notify.Ops: invalid audience 'Ops': expected operators, stakeholders, users or a group "
                        + "name (lower-case letters, digits, '_', '-')",
                file + ":7:3: notify.users: must be a list of e-mail addresses, not a list");
    }

    @Test
    void aLayoutMustBeOneBackupServiceKnows() throws IOException {
        Path file = write(app.resolve("migration.yaml"), """
                version: 1
                source:
                  dir: data
                  layout: db.json
                schema: schema
                """);

        assertThat(problems("-f", file.toString())).containsExactly(file + ":4:3: source.layout: 'db.json' is not a "
                + "source layout: expected db-json, array-per-file, ndjson; did you mean 'db-json'?");
        assertThat(problems("-f", file.toString(), "--layout", "jsonl")).containsExactly("--layout 'jsonl' is not a "
                + "source layout: expected db-json, array-per-file, ndjson");
    }

    @Test
    void aFileThatIsNotYamlOrNotThereIsItsOnlyProblem() throws IOException {
        Path broken = write(app.resolve("broken.yaml"), "version: 1\nsource: [data\nschema: schema\n");
        Path twice = write(app.resolve("twice.yaml"), "version: 1\nschema: a\nschema: b\n");
        Path empty = write(app.resolve("empty.yaml"), "");
        Path list = write(app.resolve("list.yaml"), "- version: 1\n");

        assertThat(problems("-f", broken.toString(), "--target", "Prod")).containsExactly(broken + ":3:7: invalid "
                + "YAML: expected ',' or ']', but got : (while parsing a flow sequence at line 2, column 9)");
        assertThat(problems("-f", twice.toString())).containsExactly(twice + ":3:7: invalid YAML: Duplicate field "
                + "'schema'");
        assertThat(problems("-f", empty.toString())).containsExactly(empty + ":1:1: expected a mapping of settings, "
                + "starting with 'version: 1' (see docs/run-file.md)");
        assertThat(problems("-f", list.toString())).containsExactly(list + ":1:1: expected a mapping of settings, "
                + "starting with 'version: 1' (see docs/run-file.md)");
        assertThat(problems("-f", app.resolve("nothere.yaml").toString())).containsExactly("run file (-f) '"
                + app.resolve("nothere.yaml") + "' does not exist (resolved to " + app.resolve("nothere.yaml") + ")");
    }

    @Test
    void smokeCheckAndNotifyFlagsAreCheckedAllAtOnce() {
        assertThat(problems("--source", app.resolve("data").toString(), "--schema", app.resolve("schema").toString(),
                "--smoke-check", "users=sql:select 1", "--smoke-check", "health=http://app/health=200",
                "--smoke-check", "health=url:http://app/health=ok", "--smoke-check", "a=sql:select 1=1",
                "--smoke-check", "a=url:http://app=200", "--notify", "stakeholders", "--notify", "ops=bob"))
                .containsExactly(
                        "--smoke-check 'users=sql:select 1': ends with =EXPECTED, the value the query's first column "
                                + "must read",
                        "--smoke-check 'health=http://app/health=200': after 'health=' comes sql:QUERY=EXPECTED or "
                                + "url:URL=STATUS",
                        "--smoke-check 'health=url:http://app/health=ok': 'ok' is not an HTTP status (100-599)",
                        "--smoke-check 'a=url:http://app=200': a check named a is given twice",
                        "--notify 'stakeholders': expected AUDIENCE=EMAIL[,EMAIL...], e.g. "
                                + "stakeholders=cto@example.com,pm@example.com",
                        "--notify 'ops=bob': audience ops: 'bob' is not an e-mail address");
    }

    @Test
    void smokeCheckFlagsKeepEveryEqualsSignOfTheirQueryOrUrl() {
        RunSpec spec = spec("--source", app.resolve("data").toString(), "--schema", app.resolve("schema").toString(),
                "--smoke-check", "active=sql:select count(*) from users where active = true=35",
                "--smoke-check", "health=url:https://app.internal/health?full=1=204",
                "--notify", "ops=a@example.com", "--notify", "ops=b@example.com,a@example.com");

        assertThat(spec.smokeChecks()).containsExactly(
                SmokeCheck.sql("active", "select count(*) from users where active = true", "35"),
                SmokeCheck.http("health", "https://app.internal/health?full=1", 204));
        assertThat(spec.recipients()).containsExactly(Map.entry("ops", List.of("a@example.com", "b@example.com")));
    }

    private static Path write(Path file, String yaml) throws IOException {
        return Files.writeString(file, yaml);
    }

    private static Host host(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host;
    }

    private static RunSpec spec(String... args) {
        Host host = host(args);
        return host.run.toSpec(host.spec, "tester", NOW);
    }

    private static List<String> problems(String... args) {
        Host host = host(args);
        CommandLine.ParameterException thrown = (CommandLine.ParameterException) org.assertj.core.api.Assertions
                .catchThrowable(() -> host.run.toSpec(host.spec, "tester", NOW));
        assertThat(thrown).as("the run was accepted").isNotNull();
        return Arrays.asList(thrown.getMessage().split("\n  "));
    }
}
