package io.jsonmig.support.job;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A worker's claim on one run's jobs: a session-level advisory lock on a connection of its own, held
 * while the job runs. Whoever holds it is the only one running the run's jobs in this service, across
 * every instance; a process that dies loses its connection and with it the claim at once, so another
 * worker (or the restarted process) resumes the job without waiting for a lease to expire.
 */
final class JobClaim implements AutoCloseable {

    private final Connection connection;
    private final String namespace;
    private final String migrationId;

    private JobClaim(Connection connection, String namespace, String migrationId) {
        this.connection = connection;
        this.namespace = namespace;
        this.migrationId = migrationId;
    }

    /** @return the claim, or empty when another worker holds the run */
    static Optional<JobClaim> tryClaim(AgroalDataSource dataSource, String namespace, String migrationId)
            throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?), hashtext(?))")) {
            lock.setString(1, namespace);
            lock.setString(2, migrationId);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    return Optional.of(new JobClaim(connection, namespace, migrationId));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** Whether the claim still holds: a connection the database ended has released its lock. */
    boolean held() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try (connection) {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?), hashtext(?))")) {
                unlock.setString(1, namespace);
                unlock.setString(2, migrationId);
                unlock.execute();
            }
        } catch (SQLException e) {
            // a connection that is gone holds no lock any more
        }
    }
}
