package io.jsonmig.e2e.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/monitoring as Prometheus and Grafana read it: the alert rules, the dashboard, the scrape
 * configuration and docker-compose.yml; and the metric names their PromQL expressions use.
 */
public final class MonitoringFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");

    private final Path home;

    public MonitoringFiles(Path home) {
        this.home = home;
    }

    public Path dir() {
        return home.resolve("deploy/monitoring");
    }

    public JsonNode alertRules() {
        return yaml(dir().resolve("jsonmig-alerts.yml"));
    }

    public JsonNode prometheusConfig() {
        return yaml(dir().resolve("prometheus.yml"));
    }

    public JsonNode dashboard() {
        try {
            return JSON.readTree(dir().resolve("grafana/dashboards/jsonmig.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode compose() {
        return yaml(home.resolve("docker-compose.yml"));
    }

    /** Every PromQL expression: each alert's and each dashboard target's. */
    public List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode group : alertRules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.add(rule.path("expr").asText());
            }
        }
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        return expressions;
    }

    /** The metric names the expressions select: identifiers that are not functions, keywords or labels. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            names.addAll(metricNames(expression));
        }
        return names;
    }

    static Set<String> metricNames(String expression) {
        String stripped = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")       // strings
                .replaceAll("\\{[^}]*}", "")                          // label matchers
                .replaceAll("\\[[^]]*]", "")                          // ranges
                .replaceAll("\\b(\\w+)\\s+(by|without)\\s*\\([^)]*\\)\\s*\\(", "$1(")   // sum by (a) (x)
                .replaceAll("\\)\\s*(by|without)\\s*\\([^)]*\\)", ")")                      // sum(x) by (a)
                .replaceAll("\\b(on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1")
                .replaceAll("\\$__\\w+", "");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String token = matcher.group();
            int after = matcher.end();
            while (after < stripped.length() && Character.isWhitespace(stripped.charAt(after))) {
                after++;
            }
            boolean function = after < stripped.length() && stripped.charAt(after) == '(';
            boolean number = matcher.start() > 0 && Character.isDigit(stripped.charAt(matcher.start() - 1));
            if (!function && !number && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    private static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
