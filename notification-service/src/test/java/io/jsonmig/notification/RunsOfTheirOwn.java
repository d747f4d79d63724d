package io.jsonmig.notification;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An application and ledger of their own for tests that store many runs, some of them without a
 * start (a lone drift check, say), which would crowd the run list the other tests read.
 */
public class RunsOfTheirOwn implements QuarkusTestProfile {
}
