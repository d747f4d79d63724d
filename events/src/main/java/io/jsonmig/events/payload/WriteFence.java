package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * How migration-service stopped the application's writes to the run's tables before reading them:
 * after {@code fencedAt} every INSERT, UPDATE, DELETE and TRUNCATE on them fails with the fence's
 * message, so each write either committed before (and is carried back) or failed loudly.
 *
 * @param tables     the fenced tables, schema-qualified
 * @param fencedAt   when the fence committed
 * @param lockMillis from asking for the first lock to the fence's commit (writers wait that long)
 * @param message    the error a write after the fence gets
 */
public record WriteFence(@JsonProperty(required = true) List<String> tables,
                         @JsonProperty(required = true) Instant fencedAt,
                         long lockMillis,
                         String message) {

    public WriteFence {
        tables = List.copyOf(tables);
    }
}
