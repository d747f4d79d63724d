package io.jsonmig.cli.demo;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.database.DatabaseAdmin;
import io.jsonmig.cli.database.DatabaseLogin;
import io.jsonmig.cli.stack.StackSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's target database, the only database jsonmig drops. It may drop a database that does not
 * exist yet, one named exactly {@value #DEFAULT_NAME}, or one it created itself, which carries
 * {@link #MARKER} as its comment; never one named like the services' ledger or the {@code local}
 * target, whatever its comment.
 */
@ApplicationScoped
public class DemoDatabase {

    public static final String DEFAULT_NAME = "jsonmig_demo";
    /** The comment ({@code COMMENT ON DATABASE}) of a database the demo created. */
    public static final String MARKER = "jsonmig demo target: dropped and recreated by ./jsonmig demo";

    private final StackSettings settings;
    private final DatabaseAdmin admin;

    public DemoDatabase(StackSettings settings, DatabaseAdmin admin) {
        this.settings = settings;
        this.admin = admin;
    }

    /** The demo database, once it is sure that the demo may drop it; otherwise a {@link CliException} saying why not. */
    public DatabaseLogin requireDroppable() {
        DatabaseLogin demo = settings.demoTarget();
        Map<String, DatabaseLogin> others = new LinkedHashMap<>();
        others.put("JSONMIG_DB_URL (the services' ledger)", settings.ledgerDatabase());
        others.put("JSONMIG_TARGET_LOCAL_URL (target profile 'local')", settings.localTarget());
        refusal(demo, others, false, Optional.empty()).ifPresent(reason -> {
            throw new CliException(reason);
        });
        boolean exists = admin.exists(demo);
        refusal(demo, others, exists, exists ? admin.comment(demo) : Optional.empty()).ifPresent(reason -> {
            throw new CliException(reason);
        });
        return demo;
    }

    /** Checks again, drops the database and creates it empty with the {@link #MARKER}. */
    public DatabaseLogin recreate() {
        DatabaseLogin demo = requireDroppable();
        admin.recreate(demo, MARKER);
        return demo;
    }

    /**
     * Why the demo must not drop its database, if it must not.
     *
     * @param others  databases the demo database must not be, by the setting that names them
     * @param exists  whether the demo database exists
     * @param comment its comment, if it has one
     */
    static Optional<String> refusal(DatabaseLogin demo, Map<String, DatabaseLogin> others, boolean exists,
                                    Optional<String> comment) {
        String name = demo.url().database();
        for (Map.Entry<String, DatabaseLogin> other : others.entrySet()) {
            if (other.getValue().url().database().equals(name)) {
                return Optional.of("JSONMIG_TARGET_DEMO_URL names database '" + name + "', the same database as "
                        + other.getKey() + ": the demo drops and recreates its database, so it needs one of its own "
                        + "(default " + DEFAULT_NAME + ")");
            }
        }
        if (!exists || name.equals(DEFAULT_NAME) || comment.filter(MARKER::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("database '" + name + "' (JSONMIG_TARGET_DEMO_URL, " + demo.url().url() + ") exists and is "
                + "not jsonmig's demo database: the demo drops and recreates only a database named " + DEFAULT_NAME
                + " or one it created itself (COMMENT ON DATABASE " + name + " IS '" + MARKER + "'). Drop it yourself "
                + "if it may go, or point JSONMIG_TARGET_DEMO_URL at another database");
    }
}
