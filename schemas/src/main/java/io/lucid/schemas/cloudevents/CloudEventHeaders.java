package io.lucid.schemas.cloudevents;

/**
 * Kafka header names of the CloudEvents Kafka protocol binding (binary mode) as the relay writes them.
 * Extension attribute names are lower-case alphanumerics, as the CloudEvents spec requires.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** Aggregate type as the event store knows it (Node, Session, ...). */
    public static final String AGGREGATE_TYPE = "ce_aggregatetype";
    /** The event's sequence number within its aggregate, from 0. */
    public static final String SEQUENCE = "ce_sequence";
    /** The event store's global index (has gaps; not the topic order). */
    public static final String GLOBAL_INDEX = "ce_globalindex";
    /** Who issued the command: the JWT subject. */
    public static final String ACTOR = "ce_actor";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";

    /** Extension {@code hash}: the event's audit hash chain link, lower-case hex ({@code io.lucid.schemas.audit.EventChain}). */
    public static final String HASH = "ce_hash";
    /** Extension {@code prevhash}: the hash of the aggregate's previous event (64 zeros for its first), lower-case hex. */
    public static final String PREV_HASH = "ce_prevhash";

    /**
     * Distributed-tracing extension {@code traceparent}: the W3C trace context of the work that wrote the record
     * ({@link io.lucid.schemas.trace.TraceContext}, docs/tracing.md).
     */
    public static final String TRACEPARENT = io.lucid.schemas.trace.TraceContext.CE_TRACEPARENT;
    /** Distributed-tracing extension {@code tracestate}: the caller's vendor state, passed along unchanged. */
    public static final String TRACESTATE = io.lucid.schemas.trace.TraceContext.CE_TRACESTATE;

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String AVRO_CONTENT_TYPE = "application/avro";

    private CloudEventHeaders() {
    }
}
