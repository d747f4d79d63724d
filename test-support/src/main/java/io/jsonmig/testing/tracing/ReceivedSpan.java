package io.jsonmig.testing.tracing;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;

import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One span as an OTLP exporter sent it: ids in the lower-case hex of W3C traceparent, the service that sent it
 * ({@code service.name} of its resource) and its string, integer and boolean attributes as text.
 */
public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                           Span.SpanKind kind, Map<String, String> attributes) {

    private static final HexFormat HEX = HexFormat.of();

    static ReceivedSpan of(String service, Span span) {
        return new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
                HEX.formatHex(span.getSpanId().toByteArray()), HEX.formatHex(span.getParentSpanId().toByteArray()),
                span.getName(), span.getKind(), attributes(span.getAttributesList()));
    }

    static Map<String, String> attributes(java.util.List<KeyValue> values) {
        return values.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> switch (kv.getValue().getValueCase()) {
            case STRING_VALUE -> kv.getValue().getStringValue();
            case INT_VALUE -> Long.toString(kv.getValue().getIntValue());
            case BOOL_VALUE -> Boolean.toString(kv.getValue().getBoolValue());
            case DOUBLE_VALUE -> Double.toString(kv.getValue().getDoubleValue());
            default -> kv.getValue().toString();
        }, (a, b) -> b));
    }

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    public String attribute(String key) {
        return attributes.get(key);
    }
}
