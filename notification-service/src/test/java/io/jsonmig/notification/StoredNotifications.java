package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What notification-service stored about an event: its timeline row and the deliveries it caused. */
final class StoredNotifications {

    private final DataSource ledger;

    StoredNotifications(DataSource ledger) {
        this.ledger = ledger;
    }

    long runEvents(String eventId) {
        return count("SELECT count(*) FROM notification.run_event WHERE event_id = ?", eventId);
    }

    /**
     * Deliveries about the event to one subscription: keyed {@code <eventId>/<audience>}, or, for a failure
     * (one alert however many of its events arrive), {@code <migrationId>/<attempt>/failure/<audience>}.
     */
    long deliveries(String subscription, EventEnvelope event) {
        return count("SELECT count(*) FROM notification.delivery WHERE subscription_name = ?"
                        + " AND (notification_key LIKE ? OR notification_key LIKE ?)",
                subscription, event.eventId() + "/%", event.migrationId() + "/" + event.attempt() + "/failure/%");
    }

    private long count(String sql, String... parameters) {
        try (Connection c = ledger.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
