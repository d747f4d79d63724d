package io.jsonmig.events;

import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftCheckRequested;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RetryRequested;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.ReverseSyncVerified;
import io.jsonmig.events.payload.RunFinalized;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.StabilizationBaselined;
import io.jsonmig.events.payload.StabilizationChecked;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Every event of the contract: its wire name, its topic and the payload it carries. */
public enum EventType {
    MIGRATION_REQUESTED("migration.requested", Topics.MIGRATION_REQUESTED, MigrationRequested.class),
    BACKUP_COMPLETED("backup.completed", Topics.BACKUP_COMPLETED, BackupCompleted.class),
    DATA_MIGRATED("data.migrated", Topics.DATA_MIGRATED, DataMigrated.class),
    VERIFICATION_PASSED("verification.passed", Topics.VERIFICATION_PASSED, VerificationPassed.class),
    VERIFICATION_FAILED("verification.failed", Topics.VERIFICATION_FAILED, VerificationFailed.class),
    CUTOVER_READY("cutover.ready", Topics.CUTOVER_READY, CutoverReady.class),
    PHASE_FAILED("phase.failed", Topics.PHASE_FAILED, PhaseFailed.class),
    ROLLBACK_REQUESTED("rollback.requested", Topics.ROLLBACK_REQUESTED, RollbackRequested.class),
    ROLLBACK_STEP_COMPLETED("rollback.step-completed", Topics.ROLLBACK_STEP_COMPLETED, RollbackStepCompleted.class),
    DATASOURCE_REVERTED("datasource.reverted", Topics.DATASOURCE_REVERTED, DatasourceReverted.class),
    PROGRESS("progress", Topics.PROGRESS, Progress.class),
    DRIFT_CHECK_REQUESTED("drift.check-requested", Topics.DRIFT_CHECK_REQUESTED, DriftCheckRequested.class),
    DRIFT_CHECKED("drift.checked", Topics.DRIFT_CHECKED, DriftChecked.class),
    RETRY_REQUESTED("retry.requested", Topics.RETRY_REQUESTED, RetryRequested.class),
    DRY_RUN_COMPLETED("dry-run.completed", Topics.DRY_RUN_COMPLETED, DryRunCompleted.class),
    RUN_FINALIZED("run.finalized", Topics.RUN_FINALIZED, RunFinalized.class),
    REVERSE_SYNC_EXPORTED("reverse-sync.exported", Topics.REVERSE_SYNC_EXPORTED, ReverseSyncExported.class),
    REVERSE_SYNC_VERIFIED("reverse-sync.verified", Topics.REVERSE_SYNC_VERIFIED, ReverseSyncVerified.class),
    STABILIZATION_BASELINED("stabilization.baselined", Topics.STABILIZATION_BASELINED, StabilizationBaselined.class),
    STABILIZATION_CHECKED("stabilization.checked", Topics.STABILIZATION_CHECKED, StabilizationChecked.class);

    /** Prefix of the CloudEvents {@code type} attribute, e.g. {@code io.jsonmig.backup.completed}. */
    public static final String CLOUD_EVENT_TYPE_PREFIX = "io.jsonmig.";

    private final String wireName;
    private final String topic;
    private final Class<? extends EventPayload> payloadType;

    EventType(String wireName, String topic, Class<? extends EventPayload> payloadType) {
        this.wireName = wireName;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public String cloudEventType() {
        return CLOUD_EVENT_TYPE_PREFIX + wireName;
    }

    public static EventType forPayload(EventPayload payload) {
        for (EventType type : values()) {
            if (type.payloadType.isInstance(payload)) {
                return type;
            }
        }
        throw new IllegalArgumentException("No event type carries " + payload.getClass().getName());
    }

    @JsonCreator
    public static EventType fromWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + wireName + "'");
    }
}
