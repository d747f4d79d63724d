package io.jsonmig.cli.watch;

import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.cli.watch.ScreenLine.Tone;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.Progress;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScreenRendererTest {

    private static final TerminalSize WIDE = new TerminalSize(160, 40);

    private final RunEvents run = new RunEvents();
    private final RunFollower follower = new RunFollower(run.id, RunDisplay.NONE);
    private final ScreenRenderer renderer = new ScreenRenderer(ProgressBar.Glyphs.UNICODE, ZoneOffset.UTC);

    private List<ScreenLine> render(double at, TerminalSize size, EventEnvelope... events) {
        follower.fold(List.of(events));
        return renderer.render(follower, run.at(at), size);
    }

    private static ScreenLine line(List<ScreenLine> screen, String start) {
        return screen.stream().filter(l -> l.text().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + start + "' in\n" + text(screen)));
    }

    private static String text(List<ScreenLine> screen) {
        return String.join("\n", screen.stream().map(ScreenLine::text).toList());
    }

    @Test
    void itemBarsAtZeroPartAndAllOfTheirTotal() {
        List<ScreenLine> screen = render(5, WIDE, run.requested(0), run.backupCompleted(1),
                run.progress(2, "users", 40, 40), run.progress(3, "posts", 48, 120), run.progress(4, "comments", 0, 300));

        String full = "█".repeat(40);
        assertThat(line(screen, "  users").text()).contains(full + " 100%  40/40");
        assertThat(line(screen, "  posts").text()).contains("█".repeat(16) + "░".repeat(24) + "  40%  48/120");
        assertThat(line(screen, "  comments").text()).contains("░".repeat(40) + "   0%  0/300").doesNotContain("█");
        assertThat(line(screen, "  users").tone()).isEqualTo(Tone.DONE);
        assertThat(line(screen, "  posts").tone()).isEqualTo(Tone.RUNNING);
        // 88 of the snapshot's 460 records
        assertThat(line(screen, "MIGRATION").text()).contains(" 19%  running 4s");
        assertThat(line(screen, "BACKUP").text()).contains(full + " 100%  done in 1.0s");
        assertThat(line(screen, "VERIFICATION").text()).endsWith("pending");
        assertThat(line(screen, "VERIFICATION").tone()).isEqualTo(Tone.PENDING);
        assertThat(line(screen, "CUTOVER").text()).endsWith("pending");
        assertThat(text(screen)).doesNotContain("ROLLBACK");
        assertThat(screen.get(0).text()).isEqualTo("Run " + run.id + "  RUNNING  attempt 1  target staging  elapsed 5s");
    }

    @Test
    void aPartFilledCellShowsEighths() {
        List<ScreenLine> screen = render(3, WIDE, run.requested(0), run.backupCompleted(1), run.progress(2, "posts", 1, 64));

        // 1/64 of 40 cells is 5/8 of the first one
        assertThat(line(screen, "  posts").text()).contains(" ▋" + "░".repeat(39) + "   1%  1/64");
    }

    @Test
    void rateAndTimeLeftComeFromTheEvent() {
        List<ScreenLine> screen = render(5, WIDE, run.requested(0), run.backupCompleted(1),
                run.progress(2, Progress.atRate(Phase.MIGRATION, "users", 1000, 100_000, 48_000, 250)));

        assertThat(line(screen, "  users").text()).endsWith("   1%  1000/100.0k  250/s  ETA 6m36s");
    }

    @Test
    void withoutARateInTheEventItIsWorkedOutFromTheItemsEarlierProgress() {
        List<ScreenLine> screen = render(13, WIDE, run.requested(0), run.backupCompleted(1), run.dataMigrated(2),
                run.progress(10, new Progress(Phase.VERIFICATION, "posts", 20, 120)),
                run.progress(12, new Progress(Phase.VERIFICATION, "posts", 60, 120)));

        assertThat(line(screen, "  posts").text()).endsWith("  50%  60/120  20/s  ETA 3s");
        assertThat(line(screen, "MIGRATION").text()).contains("done in 1.0s  data migrated: 2 schema migration(s), 460 rows");
    }

    @Test
    void anItemOfUnknownTotalShowsWhatIsDoneWithoutShareOrTimeLeft() {
        List<ScreenLine> screen = render(3, WIDE, run.requested(0), run.backupCompleted(1),
                run.progress(2, new Progress(Phase.MIGRATION, "events", 24, -1, null, 12.0, null)));

        assertThat(line(screen, "  events").text()).contains("░".repeat(40) + "       24 so far  12/s")
                .doesNotContain("%").doesNotContain("ETA");
    }

    @Test
    void backupProgressInBytesIsShownInBytes() {
        List<ScreenLine> screen = render(3, WIDE, run.requested(0),
                run.progress(2, new Progress(Phase.BACKUP, "bytes", 3 * 1024 * 1024, 12 * 1024 * 1024)));

        assertThat(line(screen, "  bytes").text()).endsWith("  25%  3.0 MiB/12.0 MiB");
        assertThat(line(screen, "BACKUP").text()).contains("  25%  running 3s");
    }

    @Test
    void longNamesAndReasonsAreCutToTheWidthAndNoLineWraps() {
        String name = "customer_order_line_items_with_their_history_" + "x".repeat(40);
        String reason = "COPY into customer_order_line_items failed: " + "value too long; ".repeat(20);
        TerminalSize narrow = new TerminalSize(50, 30);

        List<ScreenLine> screen = render(5, narrow, run.requested(0), run.backupCompleted(1),
                run.progress(2, name, 10, 40), run.phaseFailed(3, Phase.MIGRATION, reason),
                run.rollbackRequested(3.1, Phase.MIGRATION, reason));

        assertThat(screen).allSatisfy(l -> assertThat(l.text().codePointCount(0, l.text().length())).isLessThanOrEqualTo(49));
        // the name column is a third of the width
        assertThat(line(screen, "  customer_orde").text()).startsWith("  customer_orde… ");
        assertThat(screen.get(0).text()).isEqualTo("Run " + run.id + "  ROLLING_BACK");
        assertThat(screen.get(1).text()).isEqualTo("attempt 1  target staging  elapsed 5s");
        assertThat(line(screen, "MIGRATION").text()).endsWith("…");
    }

    @Test
    void aFailedPhaseShowsHowFarItGotAndWhyAndTheRollbackReplacesTheCutover() {
        String reason = "V2__indexes.sql failed: relation \"postz\" does not exist";
        List<ScreenLine> screen = render(5, WIDE, run.requested(0), run.backupCompleted(1),
                run.progress(2, "users", 30, 40), run.phaseFailed(3, Phase.MIGRATION, reason),
                run.rollbackRequested(3.1, Phase.MIGRATION, reason),
                run.rollbackStep(4, "migration-service", true, "dropped table public.users"));

        ScreenLine migration = line(screen, "MIGRATION");
        assertThat(migration.tone()).isEqualTo(Tone.FAILED);
        assertThat(migration.text()).contains("   6%  FAILED after 2.0s: " + reason);
        assertThat(line(screen, "  users").text()).contains("  75%  30/40");
        assertThat(line(screen, "  users").tone()).isEqualTo(Tone.FAILED);
        assertThat(line(screen, "VERIFICATION").text()).endsWith("not run");
        assertThat(line(screen, "ROLLBACK").text()).endsWith("running 1s");
        assertThat(text(screen)).doesNotContain("CUTOVER");
        assertThat(screen.stream().filter(l -> l.text().contains("migration/phase.failed")))
                .singleElement().extracting(ScreenLine::tone).isEqualTo(Tone.FAILED);
    }

    @Test
    void aRunWaitingForItsMaintenanceWindowCountsDown() {
        MaintenanceWindow window = new MaintenanceWindow(run.at(90), Duration.ofMinutes(30));

        List<ScreenLine> screen = render(30, WIDE, run.requested(0, window), run.waitingForWindow(0.5, 90));

        assertThat(line(screen, "BACKUP").text()).endsWith("waiting for the maintenance window: opens in 1m00s ("
                + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(run.at(90)) + ")");
        assertThat(renderer.render(follower, run.at(60), WIDE)).anySatisfy(l -> assertThat(l.text()).contains("opens in 30s"));
    }

    @Test
    void aCompletedRunHasEveryPhaseDoneAndItsOwnElapsedTime() {
        List<ScreenLine> screen = render(3600, WIDE, run.requested(0), run.backupCompleted(1.2), run.dataMigrated(4),
                run.verificationPassed(6), run.cutoverReady(6.1));

        for (String phase : List.of("BACKUP", "MIGRATION", "VERIFICATION", "CUTOVER")) {
            assertThat(line(screen, phase).text()).contains(" 100%  done in ");
            assertThat(line(screen, phase).tone()).isEqualTo(Tone.DONE);
        }
        assertThat(screen.get(0).text()).contains("COMPLETED").endsWith("elapsed 6s");
        assertThat(text(screen)).contains("cutover/cutover.ready");
    }

    @Test
    void aDryRunsCutoverIsSkipped() {
        EventEnvelope rehearsal = EventEnvelope.of(run.id, 1, "jsonmig-cli", "",
                new MigrationRequested(run.spec().withDryRun(true)), run.at(0));
        EventEnvelope completed = EventEnvelope.of(run.id, 1, "migration-service", "", new DryRunCompleted("staging",
                "jsonmig_dry_run", List.of("users"), List.of("schema jsonmig_dry_run"), null), run.at(7));

        List<ScreenLine> screen = render(60, WIDE, rehearsal, run.backupCompleted(1.2), run.dataMigrated(4),
                run.verificationPassed(6), completed);

        assertThat(screen.get(0).text()).contains("COMPLETED  attempt 1  target staging (dry run)  elapsed 7s");
        assertThat(line(screen, "VERIFICATION").text()).contains(" 100%  done in ");
        assertThat(line(screen, "CUTOVER").text()).contains("░".repeat(40) + "       skipped  dry run completed: 1 table(s)");
        assertThat(line(screen, "CUTOVER").tone()).isEqualTo(Tone.PENDING);
        assertThat(screen.stream().filter(l -> l.text().contains("cutover/dry-run.completed")))
                .singleElement().extracting(ScreenLine::tone).isEqualTo(Tone.DONE);
    }

    @Test
    void theTimelineShowsTheLatestEntriesThatFitInTheRows() {
        List<ScreenLine> screen = render(10, new TerminalSize(100, 12), run.requested(0), run.backupCompleted(1.2),
                run.dataMigrated(4), run.verificationPassed(6), run.cutoverReady(6.1));

        // header, blank, four phases, blank: four rows left of eleven
        assertThat(screen).hasSize(11);
        assertThat(text(screen)).doesNotContain("run/migration.requested");
        assertThat(screen.get(7).text()).matches("\\d\\d:\\d\\d:\\d\\d  backup/backup.completed {11}backup completed: 1 file.*");
        assertThat(screen.get(10).text()).contains("cutover/cutover.ready");
    }

    @Test
    void itemsThatDoNotFitAreCountedShowingTheMovingOnesFirst() {
        List<EventEnvelope> events = new java.util.ArrayList<>(List.of(run.requested(0), run.backupCompleted(1)));
        IntStream.range(0, 30).forEach(i -> events.add(run.progress(2 + i * 0.01, "table_" + i, i < 25 ? 10 : 5, 10)));

        List<ScreenLine> screen = render(3, new TerminalSize(100, 16), events.toArray(EventEnvelope[]::new));

        assertThat(screen).hasSizeLessThanOrEqualTo(15);
        assertThat(text(screen)).contains("  table_25").contains("  table_29").contains("… 22 more (22 done)");
    }

    @Test
    void controlCharactersOfAnEventNeverReachTheTerminal() {
        String reason = "bad\nthing\u001b[2J\u001b[31m red";
        List<ScreenLine> screen = render(3, WIDE, run.requested(0), run.phaseFailed(1, Phase.BACKUP, reason));

        assertThat(screen).allSatisfy(l -> assertThat(l.text()).doesNotContain("\n").doesNotContain("\u001b"));
        assertThat(line(screen, "BACKUP").text()).contains("bad thing [2J [31m red");
    }

    @Test
    void withoutAnyEventItSaysSo() {
        List<ScreenLine> screen = renderer.render(follower, run.at(1), WIDE);

        assertThat(text(screen)).isEqualTo("Run " + run.id + "  REQUESTED  attempt 1\nno event of this run yet");
    }

    @Test
    void asciiGlyphsWhereTheOutputCannotShowBlocks() {
        ScreenRenderer ascii = new ScreenRenderer(ProgressBar.Glyphs.ASCII, ZoneOffset.UTC);
        follower.fold(List.of(run.requested(0), run.backupCompleted(1), run.progress(2, "users", 20, 40)));

        List<ScreenLine> screen = ascii.render(follower, run.at(3), WIDE);

        assertThat(line(screen, "  users").text()).contains("[" + "#".repeat(19) + ".".repeat(19) + "]  50%  20/40");
        assertThat(text(screen)).doesNotContain("█").doesNotContain("░");
    }
}
