package io.jsonmig.testing.metrics;

import org.hawkular.agent.prometheus.text.TextPrometheusMetricsProcessor;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.hawkular.agent.prometheus.types.Summary;
import org.hawkular.agent.prometheus.walkers.CollectorPrometheusMetricsWalker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics}, parsed as Prometheus text format by a parser of its own
 * (not by jsonmig's code): the names it exposes and the values of its series.
 */
public final class ScrapedMetrics {

    private static final Pattern COUNTER_TYPE = Pattern.compile("(?m)^# TYPE (\\S+) counter$");

    private final List<MetricFamily> families;

    private ScrapedMetrics(List<MetricFamily> families) {
        this.families = families;
    }

    public static ScrapedMetrics of(String text) {
        CollectorPrometheusMetricsWalker walker = new CollectorPrometheusMetricsWalker();
        new TextPrometheusMetricsProcessor(new ByteArrayInputStream(
                counterFamiliesNamedAsTheirSamples(text).getBytes(StandardCharsets.UTF_8)), walker).walk();
        return new ScrapedMetrics(walker.getAllMetricFamilies());
    }

    public static ScrapedMetrics scrape(int port) {
        try {
            // HTTP/1.1 as Prometheus scrapes, without the h2c upgrade the JDK's client tries by default
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/metrics on port " + port + ": " + response.statusCode());
            }
            return of(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The text format as client_java 1.x writes it names a counter's family without {@code _total} in its
     * TYPE and HELP lines and its samples with it; the parser, older, wants one name for both (as the format
     * was written before) and would drop the samples. Only those two comment lines are renamed.
     */
    static String counterFamiliesNamedAsTheirSamples(String text) {
        Matcher counter = COUNTER_TYPE.matcher(text);
        Set<String> counters = new TreeSet<>();
        while (counter.find()) {
            if (text.contains("\n" + counter.group(1) + "_total")) {
                counters.add(counter.group(1));
            }
        }
        String renamed = text;
        for (String name : counters) {
            renamed = renamed.replace("# TYPE " + name + " counter", "# TYPE " + name + "_total counter")
                    .replace("# HELP " + name + " ", "# HELP " + name + "_total ");
        }
        return renamed;
    }

    /**
     * Every series name a query may use: families, their samples' names (a counter's {@code _total}), and a
     * histogram's or summary's {@code _bucket}, {@code _count}, {@code _sum}.
     */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (MetricFamily family : families) {
            names.add(family.getName());
            family.getMetrics().forEach(metric -> names.add(metric.getName()));
            if (family.getType() == MetricType.HISTOGRAM) {
                names.addAll(List.of(family.getName() + "_bucket", family.getName() + "_count",
                        family.getName() + "_sum"));
            } else if (family.getType() == MetricType.SUMMARY) {
                names.addAll(List.of(family.getName() + "_count", family.getName() + "_sum"));
            }
        }
        return names;
    }

    public boolean has(String name) {
        return families.stream().anyMatch(f -> named(f, name));
    }

    /** A counter is found by its samples' name ({@code _total}) or its family's without it. */
    private static boolean named(MetricFamily family, String name) {
        return family.getName().equals(name)
                || family.getType() == MetricType.COUNTER && family.getName().equals(name + "_total");
    }

    /**
     * The sum over the series of a family (a counter's named with or without {@code _total}) that carry all the given labels: a counter's or gauge's value, a
     * histogram's or summary's count of observations; 0 when no series matches.
     */
    public double value(String family, Map<String, String> labels) {
        return families.stream().filter(f -> named(f, family))
                .flatMap(f -> f.getMetrics().stream())
                .filter(metric -> metric.getLabels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(ScrapedMetrics::valueOf).sum();
    }

    /** The label sets of a family's series. */
    public List<Map<String, String>> series(String family) {
        return families.stream().filter(f -> named(f, family))
                .flatMap(f -> f.getMetrics().stream()).map(Metric::getLabels).toList();
    }

    private static double valueOf(Metric metric) {
        if (metric instanceof Counter counter) {
            return counter.getValue();
        }
        if (metric instanceof Gauge gauge) {
            return gauge.getValue();
        }
        if (metric instanceof Histogram histogram) {
            return histogram.getSampleCount();
        }
        if (metric instanceof Summary summary) {
            return summary.getSampleCount();
        }
        throw new IllegalArgumentException("no value for " + metric.getName());
    }
}
