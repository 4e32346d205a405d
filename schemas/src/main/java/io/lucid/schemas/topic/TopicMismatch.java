package io.lucid.schemas.topic;

/**
 * An existing topic whose settings differ from the catalogue. Fatal mismatches would break the contract (an audit
 * log with {@code cleanup.policy=compact} loses events; fewer partitions than declared break co-partitioning), so
 * services refuse to start on them; the others (retention tuned by an operator, partitions added to scale out)
 * are only reported.
 *
 * @param topic    the topic name
 * @param setting  {@code partitions} or a topic config name
 * @param expected the catalogue's value
 * @param actual   the cluster's value
 * @param fatal    whether a service must not start with it
 */
public record TopicMismatch(String topic, String setting, String expected, String actual, boolean fatal) {

    @Override
    public String toString() {
        return "topic " + topic + ": " + setting + " is " + actual + " on the cluster but " + expected
                + " in the catalogue" + (fatal ? "" : " (tolerated)");
    }
}
