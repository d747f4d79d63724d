package io.jsonmig.notification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.auth.TestApiCredentials;
import io.jsonmig.testing.browser.HeadlessChromium;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page in headless Chromium: a run's page follows the run without a reload. Skipped
 * when Chromium or its driver is not installed, unless {@code JSONMIG_REQUIRE_BROWSER=true} (CI).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class StatusPageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @TestHTTPResource("/")
    URL base;

    private HeadlessChromium chromium;
    private WebDriver browser;

    @AfterEach
    void quit() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aRunsPageMovesItsBarsAndTimelineAsEventsArriveWithoutAReload() throws IOException {
        chromium = HeadlessChromium.start().authorized(TestApiCredentials.viewerAuthorization());
        browser = chromium.driver();
        BlogRun run = BlogRun.startingAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        publish(run.requested(), run.backupProgress(), run.backupCompleted());
        publish(run.migrationProgress("users", 10, 40, 4_000));
        await("users at 10 of 40").atMost(TIMEOUT).until(() -> "10".equals(given().get("/migrations/{id}",
                run.migrationId).jsonPath().getString("progress.'MIGRATION/users'.done")));

        browser.get(base + "status/" + run.migrationId);
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
        wait.until(d -> "live".equals(d.findElement(By.id("live")).getText()));
        assertThat(bar("MIGRATION/users").getAttribute("value")).isEqualTo("10");
        assertThat(bar("MIGRATION/users").getAttribute("max")).isEqualTo("40");
        assertThat(browser.findElements(By.cssSelector("#timeline li"))).hasSize(2);
        // Set on this document: a reload would lose it.
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        EventEnvelope users = run.migrationProgress("users", 30, 40, 5_000);
        publish(users);
        wait.until(d -> "30".equals(bar("MIGRATION/users").getAttribute("value")));
        publish(run.migrationProgress("comments", 150, 300, 5_000), run.dataMigrated());
        EventEnvelope migrated = run.dataMigrated();
        wait.until(d -> !d.findElements(By.cssSelector("#timeline li[data-event-id='" + migrated.eventId() + "']"))
                .isEmpty());
        wait.until(d -> "150".equals(bar("MIGRATION/comments").getAttribute("value")));
        // A bar that arrives live takes its place: phase order, then item by name.
        assertThat(barOrder()).containsExactly("BACKUP/records", "MIGRATION/comments", "MIGRATION/users");

        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded;")).isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("[data-key='MIGRATION/users'] .bar-text")).getText())
                .startsWith("30 of 40 records (75%)");
        assertThat(browser.findElement(By.cssSelector("[data-key='MIGRATION/comments'] progress"))
                .getAttribute("max")).isEqualTo("300");
        WebElement newest = browser.findElement(By.cssSelector("#timeline li:last-child"));
        assertThat(newest.getAttribute("data-event-id")).isEqualTo(migrated.eventId());
        assertThat(newest.getText()).contains("data.migrated").contains("migration-service");
        assertThat(browser.findElements(By.cssSelector("#timeline li"))).hasSize(3);
        assertThat(browser.findElement(By.cssSelector("tr[data-phase='MIGRATION'] .phase-status")).getText())
                .isEqualTo("succeeded");
        assertThat(browser.findElement(By.cssSelector("tr[data-phase='VERIFICATION'] .phase-status")).getText())
                .isEqualTo("running");
        chromium.screenshot("status-page-live.png");

        // On a phone's width nothing sticks out sideways.
        assertNoSidewaysScrollOnAPhone("status-page-phone.png");
    }

    @Test
    void eachEndStateWearsItsOwnBadgeAndPhasesNeverReachedSaySo() throws IOException {
        chromium = HeadlessChromium.start().authorized(TestApiCredentials.viewerAuthorization());
        browser = chromium.driver();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        BlogRun completed = BlogRun.startingAt(now.minusSeconds(30));
        // Out of phase order on purpose: the page lists bars by phase, then item.
        publish(completed.requested(), completed.migrationProgress("users", 40, 40, 4_000),
                completed.backupProgress(), completed.backupCompleted(),
                completed.migrationProgress("comments", 300, 300, 5_000), completed.dataMigrated(),
                completed.verificationPassedWithReportServed(), completed.cutoverReady());
        BlogRun rolledBack = BlogRun.startingAt(now.minusSeconds(20));
        publish(rolledBack.requested(), rolledBack.backupCompleted(), rolledBack.migrationFailed(),
                rolledBack.rollbackRequested(), rolledBack.targetCompensated(), rolledBack.sourceConfirmed(),
                rolledBack.datasourceReverted());
        BlogRun brokenRollback = BlogRun.startingAt(now.minusSeconds(10));
        publish(brokenRollback.requested(), brokenRollback.backupCompleted(), brokenRollback.migrationFailed(),
                brokenRollback.rollbackRequested(), brokenRollback.targetCompensationFailed());
        awaitStatus(completed, "COMPLETED");
        awaitStatus(rolledBack, "ROLLED_BACK");
        awaitStatus(brokenRollback, "FAILED");

        openRun(completed);
        assertBadge("completed", "rgb(26, 127, 55)");
        assertThat(phaseBadge("ROLLBACK")).isEqualTo("not needed");
        assertThat(barOrder()).containsExactly("BACKUP/records", "MIGRATION/comments", "MIGRATION/users");
        WebElement report = browser.findElement(By.id("report-link"));
        assertThat(report.getAttribute("href")).isEqualTo("http://127.0.0.1:8083/verifications/"
                + completed.migrationId + ".html");
        assertThat(report.getText()).isEqualTo("The verification report");
        chromium.screenshot("status-page-completed.png");
        assertNoSidewaysScrollOnAPhone("status-page-completed-phone.png");

        openRun(rolledBack);
        assertBadge("rolled back", "rgb(154, 91, 0)");
        assertThat(phaseBadge("MIGRATION")).isEqualTo("failed");
        assertThat(phaseBadge("VERIFICATION")).isEqualTo("not run");
        assertThat(phaseBadge("CUTOVER")).isEqualTo("not run");
        chromium.screenshot("status-page-rolled-back.png");
        assertNoSidewaysScrollOnAPhone("status-page-rolled-back-phone.png");

        openRun(brokenRollback);
        assertBadge("rollback failed", "rgb(180, 35, 24)");

        browser.get(base + "status");
        WebElement row = browser.findElement(By.xpath("//tr[.//a[@href='/status/" + rolledBack.migrationId + "']]"));
        assertThat(row.findElement(By.cssSelector(".failure")).getText()).contains("references a missing post 999");
        assertThat(row.findElement(By.cssSelector(".took")).getText()).isEqualTo("9.5 s");
        chromium.screenshot("status-list.png");
        assertNoSidewaysScrollOnAPhone("status-list-phone.png");
    }

    private void openRun(BlogRun run) {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(base + "status/" + run.migrationId);
        new WebDriverWait(browser, TIMEOUT).until(d -> "live".equals(d.findElement(By.id("live")).getText()));
    }

    private void assertBadge(String word, String background) {
        WebElement badge = browser.findElement(By.id("status"));
        assertThat(badge.getText()).isEqualTo(word);
        assertThat(badge.getCssValue("background-color")).isIn(background, background.replace("rgb(", "rgba(")
                .replace(")", ", 1)"));
    }

    private String phaseBadge(String phase) {
        return browser.findElement(By.cssSelector("tr[data-phase='" + phase + "'] .phase-status")).getText();
    }

    private java.util.List<String> barOrder() {
        return browser.findElements(By.cssSelector("#progress li")).stream().map(li -> li.getAttribute("data-key"))
                .toList();
    }

    private void assertNoSidewaysScrollOnAPhone(String screenshot) {
        chromium.resizeToAPhone(TIMEOUT);
        chromium.waiting(TIMEOUT).until(d -> chromium.fitsTheWidth());
        chromium.screenshot(screenshot);
    }

    private static void awaitStatus(BlogRun run, String status) {
        await(run.migrationId + " " + status).atMost(TIMEOUT).until(() -> status.equals(
                given().get("/migrations/{id}", run.migrationId).jsonPath().getString("status")));
    }

    private WebElement bar(String key) {
        return browser.findElement(By.cssSelector("[data-key='" + key + "'] progress"));
    }

    private static void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(event);
        }
    }
}
