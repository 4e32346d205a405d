package io.lucid.devstack.components;

import io.lucid.devstack.StackComponent;
import io.lucid.devstack.StackEnvironment;
import io.lucid.devstack.service.Service;
import io.lucid.devstack.service.Services;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A worker service (relay, projections, stream processors) inside the devstack JVM, started exactly as its
 * standalone process starts it ({@link Services#start}): from the process environment with the stack's connection
 * variables over it, so domain settings ({@code LUCID_POOT_*}, {@code LUCID_PROJECTIONS}, ...) apply alike. The
 * stream processors keep their stores in the stack's data directory unless {@code LUCID_STREAMS_STATE_DIR} is set.
 */
public final class WorkerComponent implements StackComponent {

    private final String name;
    private volatile Service service;

    public WorkerComponent(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(StackEnvironment env) throws Exception {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.putAll(env.serviceVariables());
        service = Services.start(name, variables, Optional.of(env.dataDir().resolve("streams")));
    }

    /** The running service (health, metrics), empty while stopped. */
    public Optional<Service> service() {
        return Optional.ofNullable(service);
    }

    @Override
    public void close() {
        Service running = service;
        if (running != null) {
            running.close();
            service = null;
        }
    }
}
