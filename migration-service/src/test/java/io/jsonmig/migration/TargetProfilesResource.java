package io.jsonmig.migration;

import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * More target profiles beside PostgresResource's {@code test}, each a fresh database of its own,
 * so every scenario starts from a target it alone has shaped. Dropped at the end.
 */
public class TargetProfilesResource implements QuarkusTestResourceLifecycleManager {

    static final List<String> PROFILES = List.of("dup", "fenced", "broken", "loaded", "neverran", "nonempty", "unmapped",
            "recount", "inferred", "mixedcase", "referenced", "locked", "unrecorded", "encrypted",
            "prisma", "prismarerun", "prismafailed", "prismaedited", "prismadirect",
            "values", "hostile", "badnul", "badrange", "rejects", "rejectsfail", "rejectsold", "rejectsall",
            "append", "appendnopk", "plan", "planbad", "children", "inference", "planpending", "planblog",
            "aborted", "reconnected", "deferred", "deferredrejects", "constrainedrejects", "deferredcrash",
            "deferredrollback", "redelivered", "redeliveredlate", "dryrun", "dryrunaborted", "preflight",
            "poisoned", "afterpoison", "reverse", "reversenowrites", "reversechildren", "reversewriter", "reversearrays", "irreversible", "pfreverse", "crashed", "compfails", "stalled", "revived");

    /**
     * Profile {@code pflimited}: the {@code preflight} database as a role of its own that may connect
     * and read but not CREATE in schema public (PostgreSQL 15's default for a new role).
     */
    public static final String LIMITED_PROFILE = "pflimited";

    private final PostgresResource.TestDatabases databases = new PostgresResource.TestDatabases();
    private final List<String> created = new ArrayList<>();
    private String limitedRole;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String profile : PROFILES) {
            String database = databases.create(profile);
            created.add(database);
            config.put("jsonmig.target." + profile + ".url", databases.url(database));
            config.put("jsonmig.target." + profile + ".user", databases.user());
            config.put("jsonmig.target." + profile + ".password", databases.password());
        }
        limitedRole = "jsonmig_it_limited_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE ROLE " + limitedRole + " LOGIN");
        config.put("jsonmig.target." + LIMITED_PROFILE + ".url", config.get("jsonmig.target.preflight.url"));
        config.put("jsonmig.target." + LIMITED_PROFILE + ".user", limitedRole);
        return config;
    }

    @Override
    public void stop() {
        created.forEach(databases::drop);
        if (limitedRole != null) {
            admin("DROP ROLE IF EXISTS " + limitedRole);
        }
    }

    private void admin(String sql) {
        try (Connection c = databases.connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
        }
    }
}
