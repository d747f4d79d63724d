package io.jsonmig.support.messaging;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureReasonTest {

    @Test
    void aWrapperIsExplainedByItsInnermostCause() {
        RuntimeException wrapped = new IllegalStateException("Error invoking subclass method",
                new RuntimeException("Could not commit transaction.",
                        new SQLException("ERROR: the ledger refuses phase runs\n  Where: PL/pgSQL function")));

        assertThat(FailureReason.of(wrapped)).isEqualTo("IllegalStateException: Error invoking subclass method; "
                + "caused by SQLException: ERROR: the ledger refuses phase runs");
    }

    @Test
    void anExceptionWithoutACauseSpeaksForItself() {
        assertThat(FailureReason.of(new IllegalStateException("no capture of the target for run mig-1")))
                .isEqualTo("IllegalStateException: no capture of the target for run mig-1");
        assertThat(FailureReason.of(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
