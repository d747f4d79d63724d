package io.jsonmig.cli.demo;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.database.DatabaseLogin;
import io.jsonmig.cli.database.PostgresUrl;
import io.jsonmig.cli.stack.ComponentStatus;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which databases the demo may drop, and the stack it needs. */
class DemoDatabaseTest {

    private static final Map<String, DatabaseLogin> OTHERS = new LinkedHashMap<>();

    static {
        OTHERS.put("JSONMIG_DB_URL (the services' ledger)", login("jdbc:postgresql://127.0.0.1:5432/jsonmig"));
        OTHERS.put("JSONMIG_TARGET_LOCAL_URL (target profile 'local')", login("jdbc:postgresql://127.0.0.1:5432/jsonmig_local"));
    }

    @Test
    void aDatabaseThatDoesNotExistYetOrIsNamedJsonmigDemoMayBeDropped() {
        assertThat(DemoDatabase.refusal(login("jdbc:postgresql://127.0.0.1:5432/anything"), OTHERS, false,
                Optional.empty())).isEmpty();
        assertThat(DemoDatabase.refusal(login("jdbc:postgresql://127.0.0.1:5432/jsonmig_demo"), OTHERS, true,
                Optional.empty())).isEmpty();
    }

    @Test
    void anExistingDatabaseMayBeDroppedOnlyWithTheDemosMarker() {
        DatabaseLogin demo = login("jdbc:postgresql://127.0.0.1:5432/my_demo");

        assertThat(DemoDatabase.refusal(demo, OTHERS, true, Optional.of(DemoDatabase.MARKER))).isEmpty();
        assertThat(DemoDatabase.refusal(demo, OTHERS, true, Optional.empty())).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("database 'my_demo' (JSONMIG_TARGET_DEMO_URL, ")
                        .contains("is not jsonmig's demo database")
                        .contains("COMMENT ON DATABASE my_demo IS '" + DemoDatabase.MARKER + "'"));
        assertThat(DemoDatabase.refusal(demo, OTHERS, true, Optional.of("production data"))).isPresent();
    }

    @Test
    void theLedgerOrTheLocalTargetIsNeverDroppedWhateverItsNameOrComment() {
        DatabaseLogin ledgerAsDemo = login("jdbc:postgresql://localhost:5432/jsonmig");
        DatabaseLogin localAsDemo = login("jdbc:postgresql://127.0.0.1:5432/jsonmig_local");
        Map<String, DatabaseLogin> demoNamed = Map.of("JSONMIG_DB_URL (the services' ledger)",
                login("jdbc:postgresql://127.0.0.1:5432/jsonmig_demo"));

        assertThat(DemoDatabase.refusal(ledgerAsDemo, OTHERS, true, Optional.of(DemoDatabase.MARKER)))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("names database 'jsonmig', the same database as JSONMIG_DB_URL (the services' ledger)"));
        assertThat(DemoDatabase.refusal(localAsDemo, OTHERS, false, Optional.empty()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("JSONMIG_TARGET_LOCAL_URL"));
        assertThat(DemoDatabase.refusal(login("jdbc:postgresql://127.0.0.1:5432/jsonmig_demo"), demoNamed, true,
                Optional.of(DemoDatabase.MARKER))).isPresent();
    }

    @Test
    void theDemoNamesTheComponentsThatAreNotHealthy() {
        ComponentStatus kafka = new ComponentStatus("kafka", -1, "kafka.example:9092", "external DOWN", false, null);
        ComponentStatus backup = new ComponentStatus("backup-service", 42, "http://127.0.0.1:8081", "ready", true,
                Path.of("backup-service.log"));

        DemoCommand.requireHealthy(List.of(backup));
        assertThatThrownBy(() -> DemoCommand.requireHealthy(List.of(kafka, backup)))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("the stack is not healthy")
                .hasMessageContaining("kafka (external DOWN at kafka.example:9092)")
                .hasMessageNotContaining("backup-service");
    }

    private static DatabaseLogin login(String url) {
        return new DatabaseLogin(PostgresUrl.parse("JSONMIG_TARGET_DEMO_URL", url), "postgres", Optional.empty());
    }
}
