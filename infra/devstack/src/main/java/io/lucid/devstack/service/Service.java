package io.lucid.devstack.service;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A worker service (relay, projections, stream processors) as it runs everywhere: standalone under
 * {@link ServiceMain} and inside {@code ./lucid up}, from the same variables. What the HTTP endpoint of
 * {@link ServiceHttp} reports comes from here.
 */
public interface Service extends AutoCloseable {

    String name();

    /** False once the service stopped on an error: an orchestrator should restart the process. */
    boolean isLive();

    /** Whether the service does its work in time: running, and not behind its inputs by more than the allowed lag. */
    Health readiness();

    /**
     * Registers the service's meters (read when scraped) in the registry {@code /metrics} serves; called once, when
     * the service runs.
     */
    void bindMetrics(MeterRegistry registry);

    /** Stops the service: work in flight finishes or rolls back, consumers leave their groups. */
    @Override
    void close();

    /** A readiness answer and why. */
    record Health(boolean ready, String detail) {
    }
}
