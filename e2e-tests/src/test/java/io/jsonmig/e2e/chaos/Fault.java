package io.jsonmig.e2e.chaos;

/**
 * One planned fault: what, to which service (for {@link FaultKind#KILL_SERVICE}; otherwise null)
 * and when.
 */
record Fault(FaultKind kind, ChaosService service, FaultTrigger trigger) {

    static Fault kill(ChaosService service, FaultTrigger trigger) {
        return new Fault(FaultKind.KILL_SERVICE, service, trigger);
    }

    static Fault restartBroker(FaultTrigger trigger) {
        return new Fault(FaultKind.RESTART_BROKER, null, trigger);
    }

    static Fault terminateTargetConnections(FaultTrigger trigger) {
        return new Fault(FaultKind.TERMINATE_TARGET_CONNECTIONS, null, trigger);
    }

    String describe() {
        String what = switch (kind) {
            case KILL_SERVICE -> "kill -9 " + service.module() + " (and restart it)";
            case RESTART_BROKER -> "restart the Kafka broker";
            case TERMINATE_TARGET_CONNECTIONS -> "pg_terminate_backend the target's connections";
        };
        return what + " " + trigger.describe();
    }
}
