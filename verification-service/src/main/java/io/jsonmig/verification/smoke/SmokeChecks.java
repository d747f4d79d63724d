package io.jsonmig.verification.smoke;

import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.verification.config.VerificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The configured smoke checks, run after the data checks: SQL queries against the run's target in a
 * read-only transaction, each compared with its expected first value, and HTTP GETs (the application's
 * health URL, say) compared with their expected status. Each failure is a rollback trigger.
 */
@ApplicationScoped
public class SmokeChecks {

    private final VerificationConfig config;

    public SmokeChecks(VerificationConfig config) {
        this.config = config;
    }

    public List<SmokeCheckResult> run(String targetProfile, TargetDatabase target) {
        List<SmokeCheckResult> results = new ArrayList<>();
        new TreeMap<>(config.smoke().sql()).forEach((name, check) -> {
            if (appliesTo(check.profiles(), targetProfile)) {
                results.add(sql(name, check, target));
            }
        });
        new TreeMap<>(config.smoke().http()).forEach((name, check) -> {
            if (appliesTo(check.profiles(), targetProfile)) {
                results.add(http(name, check));
            }
        });
        return results;
    }

    private static boolean appliesTo(Optional<List<String>> profiles, String profile) {
        return profiles.map(p -> p.isEmpty() || p.contains(profile)).orElse(true);
    }

    private static SmokeCheckResult sql(String name, VerificationConfig.SqlCheck check, TargetDatabase target) {
        long started = System.nanoTime();
        String expected = check.expected();
        try (Connection c = target.connect()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(check.query())) {
                String actual = rs.next() ? rs.getString(1) : null;
                c.rollback();
                boolean passed = Objects.equals(trim(expected), trim(actual));
                return new SmokeCheckResult(name, "sql", check.query(), expected, actual, passed,
                        passed ? null : "smoke check " + name + ": expected " + expected + ", the query returned "
                                + actual, millis(started));
            }
        } catch (SQLException e) {
            return new SmokeCheckResult(name, "sql", check.query(), expected, null, false,
                    "smoke check " + name + " failed: " + e.getMessage(), millis(started));
        }
    }

    private static SmokeCheckResult http(String name, VerificationConfig.HttpCheck check) {
        long started = System.nanoTime();
        String expected = Integer.toString(check.expectedStatus());
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(check.timeout()).build();
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(check.url()))
                    .timeout(check.timeout()).GET().build(), HttpResponse.BodyHandlers.discarding());
            String actual = Integer.toString(response.statusCode());
            boolean passed = expected.equals(actual);
            return new SmokeCheckResult(name, "http", check.url(), expected, actual, passed,
                    passed ? null : "smoke check " + name + ": GET " + check.url() + " answered " + actual
                            + ", expected " + expected, millis(started));
        } catch (IOException | IllegalArgumentException e) {
            return new SmokeCheckResult(name, "http", check.url(), expected, null, false,
                    "smoke check " + name + ": GET " + check.url() + " failed: " + e, millis(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SmokeCheckResult(name, "http", check.url(), expected, null, false,
                    "smoke check " + name + ": interrupted", millis(started));
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
