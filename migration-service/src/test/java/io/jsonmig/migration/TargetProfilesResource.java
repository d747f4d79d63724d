package io.jsonmig.migration;

import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * More target profiles beside PostgresResource's {@code test}, each a fresh database of its own,
 * so every scenario starts from a target it alone has shaped. Dropped at the end.
 */
public class TargetProfilesResource implements QuarkusTestResourceLifecycleManager {

    static final List<String> PROFILES = List.of("dup", "broken", "loaded", "neverran", "nonempty", "unmapped",
            "recount", "inferred", "mixedcase", "referenced", "locked", "unrecorded", "encrypted",
            "prisma", "prismarerun", "prismafailed", "prismaedited", "prismadirect",
            "values", "hostile", "badnul", "badrange", "rejects", "rejectsfail", "rejectsold",
            "append", "appendnopk", "plan", "planbad", "children", "inference", "planpending", "planblog",
            "aborted", "reconnected", "redelivered", "redeliveredlate", "dryrun", "dryrunaborted");

    private final PostgresResource.TestDatabases databases = new PostgresResource.TestDatabases();
    private final List<String> created = new ArrayList<>();

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
        return config;
    }

    @Override
    public void stop() {
        created.forEach(databases::drop);
    }
}
