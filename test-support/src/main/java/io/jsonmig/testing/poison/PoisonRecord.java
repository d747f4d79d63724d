package io.jsonmig.testing.poison;

import java.util.Map;

/**
 * A record on a jsonmig topic that is not a valid event of that topic.
 *
 * @param kind    what is wrong with it, for test names
 * @param topic   where it is published
 * @param key     unique per record, so that its dead letter can be found
 * @param value   the bytes published
 * @param headers the headers published, which its dead letter must carry too
 * @param reason  what the dead letter's reason must contain
 */
public record PoisonRecord(String kind, String topic, String key, byte[] value, Map<String, String> headers,
                           String reason) {

    @Override
    public String toString() {
        return kind + " on " + topic;
    }
}
