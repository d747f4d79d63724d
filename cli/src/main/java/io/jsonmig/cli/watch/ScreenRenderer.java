package io.jsonmig.cli.watch;

import io.jsonmig.cli.watch.ScreenLine.Tone;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The live screen of a run, as text: a header (run, status, attempt, target, elapsed), a bar per
 * phase and, under a running or failed phase, a bar per collection or table (done/total, %, rate,
 * ETA), then the latest timeline entries that fit. Pure: the same run, time and size give the same
 * lines, none wider than the screen less one column (so that no terminal wraps it) and no more
 * than its rows less one (the cursor's line), so the whole screen can be redrawn in place.
 */
final class ScreenRenderer {

    /** The widest phase name: {@code VERIFICATION}. */
    private static final int PHASE_NAME = 12;
    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 40;
    /** Columns kept after a bar and its percentage for the figures: {@code 40/120  85/s  ETA 3m05s}. */
    private static final int FIGURES = 28;
    private static final int TIMELINE_LABEL = 33;
    private static final Set<EventType> FAILURES = Set.of(EventType.PHASE_FAILED, EventType.VERIFICATION_FAILED,
            EventType.ROLLBACK_REQUESTED);
    private static final Set<EventType> SUCCESSES = Set.of(EventType.CUTOVER_READY, EventType.DRY_RUN_COMPLETED,
            EventType.DATASOURCE_REVERTED);

    private final ProgressBar.Glyphs glyphs;
    private final DateTimeFormatter time;

    ScreenRenderer(ProgressBar.Glyphs glyphs) {
        this(glyphs, ZoneId.systemDefault());
    }

    ScreenRenderer(ProgressBar.Glyphs glyphs, ZoneId zone) {
        this.glyphs = glyphs;
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    private record Columns(int width, int name, int bar) {
    }

    List<ScreenLine> render(RunFollower run, Instant now, TerminalSize size) {
        int width = Math.max(20, size.columns() - 1);
        int height = Math.max(3, size.rows() - 1);
        RunState state = run.state();
        List<ScreenLine> lines = new ArrayList<>();
        header(state, now, width).forEach(text -> lines.add(line(text, Tone.TITLE, width)));
        if (run.eventsSeen() == 0) {
            lines.add(line("no event of this run yet", Tone.PENDING, width));
            return lines;
        }
        lines.add(ScreenLine.blank());
        List<Phase> phases = shownPhases(state);
        Columns columns = columns(run, phases, width);
        int itemRoom = height - lines.size() - phases.size();
        for (Phase phase : phases) {
            PhaseStatus status = state.phase(phase).status();
            List<ItemProgress> items = status == PhaseStatus.RUNNING || status == PhaseStatus.FAILED
                    ? run.items(phase) : List.of();
            lines.add(phaseLine(run, phase, items, now, columns));
            List<ScreenLine> itemLines = itemLines(items, status, itemRoom, columns);
            lines.addAll(itemLines);
            itemRoom -= itemLines.size();
        }
        int timelineRoom = height - lines.size() - 1;
        List<TimelineEntry> timeline = state.timeline();
        if (timelineRoom > 0 && !timeline.isEmpty()) {
            lines.add(ScreenLine.blank());
            List<TimelineEntry> latest = timeline.subList(Math.max(0, timeline.size() - timelineRoom), timeline.size());
            int labelWidth = Math.min(TIMELINE_LABEL, latest.stream().mapToInt(e -> run.label(e).length()).max().orElse(0));
            for (TimelineEntry entry : latest) {
                lines.add(line(time.format(entry.occurredAt()) + "  " + pad(fit(run.label(entry), labelWidth), labelWidth)
                        + "  " + entry.summary(), tone(run, entry), width));
            }
        }
        return lines.size() > height ? List.copyOf(lines.subList(0, height)) : lines;
    }

    /** The run, its status, attempt, target and elapsed time: on one line, or two when the screen is narrow. */
    private static List<String> header(RunState state, Instant now, int width) {
        String run = "Run " + state.migrationId() + "  " + state.status();
        StringBuilder about = new StringBuilder("attempt ").append(state.attempt());
        if (state.spec() != null) {
            about.append("  target ").append(state.spec().targetProfile()).append(state.spec().dryRun() ? " (dry run)" : "");
        }
        if (state.startedAt() != null) {
            Instant end = state.isFinished() && state.updatedAt() != null ? state.updatedAt() : now;
            about.append("  elapsed ").append(Figures.duration(Duration.between(state.startedAt(), end)));
        }
        String oneLine = run + "  " + about;
        return oneLine.length() <= width ? List.of(oneLine) : List.of(run, about.toString());
    }

    /** The forward phases always; the cut-over unless a rollback replaced it; the rollback once it began. */
    private static List<Phase> shownPhases(RunState state) {
        boolean rollback = state.phase(Phase.ROLLBACK).status() != PhaseStatus.PENDING;
        List<Phase> phases = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            PhaseStatus status = state.phase(phase).status();
            if (!WindowTexts.shows(state, phase)) {
                continue;
            }
            if (phase == Phase.ROLLBACK ? rollback : !(phase == Phase.CUTOVER && rollback && status == PhaseStatus.PENDING)) {
                phases.add(phase);
            }
        }
        return phases;
    }

    private Columns columns(RunFollower run, List<Phase> phases, int width) {
        int longestItem = phases.stream().flatMap(p -> run.items(p).stream())
                .mapToInt(i -> 2 + i.item().codePointCount(0, i.item().length())).max().orElse(0);
        int name = Math.min(Math.max(PHASE_NAME, longestItem), Math.max(PHASE_NAME, width / 3));
        int bar = Math.max(MIN_BAR, Math.min(MAX_BAR, width - name - 1 - 1 - 4 - 2 - FIGURES));
        return new Columns(width, name, bar);
    }

    private ScreenLine phaseLine(RunFollower run, Phase phase, List<ItemProgress> items, Instant now, Columns c) {
        RunState state = run.state();
        PhaseState p = state.phase(phase);
        return switch (p.status()) {
            case PENDING -> {
                boolean skipped = state.isFinished() || state.phase(Phase.ROLLBACK).status() != PhaseStatus.PENDING;
                yield row(phase.name(), Double.NaN, false, skipped ? "not run" : "pending", Tone.PENDING, c);
            }
            case RUNNING -> {
                String waiting = phase == Phase.BACKUP && items.isEmpty() ? waitingForWindow(run, now) : null;
                if (waiting != null) {
                    yield row(phase.name(), Double.NaN, false, waiting, Tone.RUNNING, c);
                }
                double fraction = Math.min(0.99, fraction(run, phase, items));
                String running = "running " + Figures.duration(since(p.startedAt(), now));
                yield row(phase.name(), fraction, !Double.isNaN(fraction), running, Tone.RUNNING, c);
            }
            case SUCCEEDED -> row(phase.name(), 1, true, "done in " + duration(p)
                    + (p.detail() == null ? "" : "  " + p.detail()), Tone.DONE, c);
            case SKIPPED -> row(phase.name(), Double.NaN, false, "skipped"
                    + (p.detail() == null ? "" : "  " + p.detail()), Tone.PENDING, c);
            case FAILED -> {
                double fraction = fraction(run, phase, items);
                yield row(phase.name(), fraction, !Double.isNaN(fraction), "FAILED after " + duration(p)
                        + (p.detail() == null ? "" : ": " + p.detail()), Tone.FAILED, c);
            }
        };
    }

    /** The countdown of a run that waits for its maintenance window; {@code null} when it does not wait (any more). */
    private String waitingForWindow(RunFollower run, Instant now) {
        String key = Phase.BACKUP + "/" + Progress.WAITING_FOR_WINDOW;
        Progress waiting = run.state().progress().get(key);
        if (waiting == null) {
            return null;
        }
        MaintenanceWindow window = run.state().spec() == null ? null : run.state().spec().maintenanceWindow();
        Instant published = run.progressAt(key);
        Instant opens = window != null ? window.scheduledAt()
                : published == null ? null : published.plusSeconds(waiting.total());
        if (opens == null || !now.isBefore(opens)) {
            return null;
        }
        return "waiting for the maintenance window: opens in " + Figures.duration(Duration.between(now, opens))
                + " (" + time.format(opens) + ")";
    }

    /**
     * The share of a phase done: its items' done over their totals. The migration and the verification
     * go through every record of the snapshot, so its size is the least total before every table has
     * reported (otherwise the first table's end would read as the phase's).
     */
    private static double fraction(RunFollower run, Phase phase, List<ItemProgress> items) {
        long done = 0;
        long total = 0;
        boolean known = false;
        for (ItemProgress item : items) {
            if (item.totalKnown()) {
                done += Math.min(item.done(), item.total());
                total += item.total();
                known = true;
            }
        }
        if ((phase == Phase.MIGRATION || phase == Phase.VERIFICATION) && run.snapshotRecords() != null) {
            total = Math.max(total, run.snapshotRecords());
            known = true;
        }
        if (!known) {
            return Double.NaN;
        }
        return total == 0 ? 1 : (double) done / total;
    }

    private List<ScreenLine> itemLines(List<ItemProgress> items, PhaseStatus status, int room, Columns c) {
        if (items.isEmpty() || room <= 0) {
            return List.of();
        }
        List<ItemProgress> shown = items.size() <= room ? items : mostTelling(items, room - 1);
        List<ScreenLine> lines = new ArrayList<>();
        for (ItemProgress item : shown) {
            Tone tone = item.finished() ? Tone.DONE : status == PhaseStatus.FAILED ? Tone.FAILED : Tone.RUNNING;
            lines.add(row("  " + fit(item.item(), c.name() - 2), item.fraction(), item.totalKnown(), figures(item), tone, c));
        }
        int hidden = items.size() - shown.size();
        if (hidden > 0) {
            long done = items.stream().filter(i -> !shown.contains(i) && i.finished()).count();
            lines.add(line("  " + glyphs.ellipsis() + " " + hidden + " more" + (done > 0 ? " (" + done + " done)" : ""),
                    Tone.PENDING, c.width()));
        }
        return lines;
    }

    /** {@code count} of the items, those still moving first, in their own order. */
    private static List<ItemProgress> mostTelling(List<ItemProgress> items, int count) {
        List<ItemProgress> moving = new ArrayList<>(items.stream().filter(i -> !i.finished()).toList());
        items.stream().filter(ItemProgress::finished).forEach(moving::add);
        Set<ItemProgress> kept = Set.copyOf(moving.subList(0, count));
        return items.stream().filter(kept::contains).toList();
    }

    private static String figures(ItemProgress item) {
        StringBuilder figures = new StringBuilder();
        if (item.bytes()) {
            figures.append(Figures.bytes(item.done())).append(item.totalKnown() ? "/" + Figures.bytes(item.total()) : "");
        } else {
            figures.append(Figures.count(item.done())).append(item.totalKnown() ? "/" + Figures.count(item.total()) : "");
        }
        if (!item.totalKnown()) {
            figures.append(" so far");
        }
        if (!item.finished() && item.rate() != null) {
            figures.append("  ").append(item.bytes() ? Figures.bytesRate(item.rate()) : Figures.rate(item.rate()));
        }
        if (!item.finished() && item.etaSeconds() != null) {
            figures.append("  ETA ").append(Figures.duration(item.etaSeconds()));
        }
        return figures.toString();
    }

    private ScreenLine row(String name, double fraction, boolean showPercent, String details, Tone tone, Columns c) {
        String percent = showPercent && !Double.isNaN(fraction) ? Figures.percent(fraction) : "    ";
        return line(pad(fit(name, c.name()), c.name()) + " " + ProgressBar.of(fraction, c.bar(), glyphs) + " " + percent
                + "  " + details, tone, c.width());
    }

    private static Tone tone(RunFollower run, TimelineEntry entry) {
        if (FAILURES.contains(entry.type()) || run.event(entry) != null
                && run.event(entry).payload() instanceof RollbackStepCompleted step && !step.succeeded()) {
            return Tone.FAILED;
        }
        return SUCCESSES.contains(entry.type()) ? Tone.DONE : Tone.PLAIN;
    }

    private static String duration(PhaseState p) {
        return p.duration() == null ? "-" : RunSummary.human(p.duration());
    }

    private static Duration since(Instant start, Instant now) {
        return start == null || now.isBefore(start) ? Duration.ZERO : Duration.between(start, now);
    }

    private ScreenLine line(String text, Tone tone, int width) {
        return new ScreenLine(fit(text, width), tone);
    }

    /**
     * The text without control characters (an event's reason may hold a line break or an escape
     * sequence), cut to {@code width} columns with an ellipsis.
     */
    private String fit(String text, int width) {
        String printable = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (printable.codePointCount(0, printable.length()) <= width) {
            return printable;
        }
        if (width <= 0) {
            return "";
        }
        return printable.substring(0, printable.offsetByCodePoints(0, width - 1)) + glyphs.ellipsis();
    }

    private static String pad(String text, int width) {
        int length = text.codePointCount(0, text.length());
        return length >= width ? text : text + " ".repeat(width - length);
    }
}
