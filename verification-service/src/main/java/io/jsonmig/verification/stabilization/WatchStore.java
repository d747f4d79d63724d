package io.jsonmig.verification.stabilization;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import io.jsonmig.events.payload.ProbeBaseline;
import io.jsonmig.events.payload.StabilizationBaselined;
import io.jsonmig.events.payload.StabilizationChecked;
import io.jsonmig.events.serde.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the watch keeps in this service's database: each run's baseline and the rounds of its window
 * ({@code stabilization_baseline}, {@code stabilization_round}), so that a restart goes on where it stopped.
 */
@ApplicationScoped
public class WatchStore {

    /** pg_stat_database's counters at one round: the next round's per-minute figures start from them. */
    record Counters(Instant at, long deadlocks, long rollbacks) {
    }

    private final AgroalDataSource dataSource;
    private final String baselineTable;
    private final String roundTable;

    /** @param schema the service's own schema, where Flyway created the tables (as the job ledger reads it) */
    public WatchStore(AgroalDataSource dataSource,
                      @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.dataSource = dataSource;
        String quoted = '"' + schema.replace("\"", "\"\"") + '"';
        this.baselineTable = quoted + ".stabilization_baseline";
        this.roundTable = quoted + ".stabilization_round";
    }

    /** Keeps the run's first baseline; a later one (taken again after a restart) gives way to it. @return the kept one */
    public StabilizationBaselined keepBaseline(String migrationId, StabilizationBaselined baselined) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + baselineTable + " "
                    + "(migration_id, baselined, taken_at) VALUES (?, ?, now()) ON CONFLICT (migration_id) DO NOTHING")) {
                s.setString(1, migrationId);
                s.setString(2, json(baselined));
                s.executeUpdate();
            }
            return baseline(c, migrationId).orElse(baselined);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep the baseline of " + migrationId + ": " + e.getMessage(), e);
        }
    }

    /** The run's baseline by probe; empty when none was taken. */
    public Map<String, ProbeBaseline> baselines(String migrationId) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, ProbeBaseline> byProbe = new LinkedHashMap<>();
            baseline(c, migrationId).ifPresent(b -> b.probes().forEach(p -> byProbe.put(p.probe(), p)));
            return byProbe;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the baseline of " + migrationId + ": " + e.getMessage(), e);
        }
    }

    private Optional<StabilizationBaselined> baseline(Connection c, String migrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT baselined FROM " + baselineTable + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs.getString(1), StabilizationBaselined.class)) : Optional.empty();
            }
        }
    }

    /** Keeps a round; one kept before under the same number (the round ran again after a crash) stays as it was. */
    public void keepRound(String migrationId, int attempt, Round round, Counters counters) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO " + roundTable + " (migration_id, "
                     + "attempt, round, checked_at, checked, deadlocks, rollbacks) VALUES (?, ?, ?, ?, ?, ?, ?) "
                     + "ON CONFLICT DO NOTHING")) {
            s.setString(1, migrationId);
            s.setInt(2, attempt);
            s.setLong(3, round.number());
            s.setTimestamp(4, Timestamp.from(round.at()));
            s.setString(5, json(round.checked()));
            if (counters == null) {
                s.setNull(6, java.sql.Types.BIGINT);
                s.setNull(7, java.sql.Types.BIGINT);
            } else {
                s.setLong(6, counters.deadlocks());
                s.setLong(7, counters.rollbacks());
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep round " + round.number() + " of " + migrationId + ": "
                    + e.getMessage(), e);
        }
    }

    /** The rounds of the attempt's window at or after {@code since}, oldest first. */
    public List<Round> rounds(String migrationId, int attempt, Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT round, checked_at, checked FROM "
                     + roundTable + " WHERE migration_id = ? AND attempt = ? AND checked_at >= ? "
                     + "ORDER BY round")) {
            s.setString(1, migrationId);
            s.setInt(2, attempt);
            s.setTimestamp(3, Timestamp.from(since));
            List<Round> rounds = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rounds.add(new Round(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                            read(rs.getString(3), StabilizationChecked.class)));
                }
            }
            return rounds;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rounds of " + migrationId + ": " + e.getMessage(), e);
        }
    }

    /** The counters of the latest round before {@code round} that read them. */
    public Optional<Counters> countersBefore(String migrationId, int attempt, long round) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT checked_at, deadlocks, rollbacks FROM "
                     + roundTable + " WHERE migration_id = ? AND attempt = ? AND round < ? "
                     + "AND deadlocks IS NOT NULL ORDER BY round DESC LIMIT 1")) {
            s.setString(1, migrationId);
            s.setInt(2, attempt);
            s.setLong(3, round);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Counters(rs.getTimestamp(1).toInstant(), rs.getLong(2),
                        rs.getLong(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rounds of " + migrationId + ": " + e.getMessage(), e);
        }
    }

    private static String json(Object payload) {
        try {
            return EventJson.mapper().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept " + type.getSimpleName() + " does not read: " + e.getMessage(), e);
        }
    }
}
