package io.jsonmig.support.tracing;

import io.jsonmig.events.EventEnvelope;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * jsonmig's own spans in a run's trace (a phase job, a table's load or verification, a delivery) and the
 * W3C traceparent a durable job keeps, so that work done later on another thread continues the trace of the
 * event that asked for it. With tracing off (no JSONMIG_OTEL_ENDPOINT) the SDK is a no-op: every span is
 * invalid, no traceparent is kept, and nothing here costs more than a method call.
 */
@ApplicationScoped
public class RunTraces {

    public static final String TRACEPARENT = "traceparent";
    public static final AttributeKey<String> MIGRATION_ID = AttributeKey.stringKey("jsonmig.migration_id");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("jsonmig.attempt");
    /** The target table a span is about (a table's load, its verification). */
    public static final AttributeKey<String> TABLE = AttributeKey.stringKey("jsonmig.table");

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    public RunTraces(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("io.jsonmig");
    }

    /** The traceparent of the span current on this thread, if a trace is being recorded. */
    public Optional<String> currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /** The context a kept traceparent stands for; the current one when there is none. */
    public Context fromTraceparent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.current();
        }
        return openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
    }

    /** Starts a span of the run {@code event} belongs to, a child of {@code parent}; the caller ends it. */
    public Span start(String name, Context parent, EventEnvelope event) {
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(MIGRATION_ID, event.migrationId())
                .setAttribute(ATTEMPT, (long) event.attempt())
                .startSpan();
    }

    /**
     * Starts a span of work done later for a run (a message sent), a child of the span a kept traceparent
     * names, or a trace of its own when there is none; the caller ends it.
     */
    public Span startLater(String name, String traceparent, String migrationId) {
        SpanBuilder span = tracer.spanBuilder(name).setParent(traceparent == null || traceparent.isBlank()
                ? Context.root() : fromTraceparent(traceparent)).setSpanKind(SpanKind.INTERNAL);
        if (migrationId != null) {
            span.setAttribute(MIGRATION_ID, migrationId);
        }
        return span.startSpan();
    }

    /**
     * Runs {@code work} in a child span of the current one, named {@code name} with {@code key}={@code value}
     * (e.g. the table): a failure is recorded on the span and thrown on.
     */
    public <T, E extends Exception> T inSpan(String name, AttributeKey<String> key, String value,
                                             SpanWork<T, E> work) throws E {
        Span span = tracer.spanBuilder(name).setAttribute(key, value).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (Exception | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Marks the span failed with what went wrong. */
    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }

    /** Work done in a span, which may throw what its caller declares. */
    @FunctionalInterface
    public interface SpanWork<T, E extends Exception> {
        T get() throws E;
    }
}
