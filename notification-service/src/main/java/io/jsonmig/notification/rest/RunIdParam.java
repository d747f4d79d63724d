package io.jsonmig.notification.rest;

import io.jsonmig.events.MigrationIds;
import jakarta.ws.rs.BadRequestException;

/** A run id taken from a request path: a malformed one is the caller's error (400), never a lookup. */
public final class RunIdParam {

    private RunIdParam() {
    }

    public static String requireValid(String migrationId) {
        try {
            return MigrationIds.requireValid(migrationId);
        } catch (IllegalArgumentException invalid) {
            throw new BadRequestException(invalid.getMessage());
        }
    }
}
