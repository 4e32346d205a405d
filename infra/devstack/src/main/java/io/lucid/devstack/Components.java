package io.lucid.devstack;

import io.lucid.devstack.components.RegistryComponent;
import io.lucid.devstack.components.WorkerComponent;
import io.lucid.devstack.service.Services;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that lists what the stack runs besides PostgreSQL and the broker: the in-process components and
 * the forked services, in the three start groups of {@link EmbeddedStack}.
 */
public final class Components {

    private static final Logger log = LoggerFactory.getLogger(Components.class);

    private Components() {}

    /**
     * In-process components started one after the other, after PostgreSQL and the broker and before anything else:
     * the registry, whose URL the other components and the services need. Skip the registry when
     * {@code config.externalRegistryUrl()} is present. Name it {@code "registry"} (the banner looks for it).
     */
    public static List<StackComponent> beforeServices(StackConfig config) {
        List<StackComponent> components = new ArrayList<>();
        if (config.externalRegistryUrl().isEmpty()) {
            components.add(new RegistryComponent(config.replicationFactor()));
        }
        // The read schema exists before query-api serves from it.
        components.add(new WorkerComponent(Services.PROJECTIONS));
        return components;
    }

    /**
     * In-process components started in parallel with the forked services, once {@link #beforeServices} are ready:
     * those that wait on something a service creates (the relay waits for command-api's replication slot).
     */
    public static List<StackComponent> withServices(StackConfig config) {
        List<StackComponent> components = new ArrayList<>();
        components.add(new WorkerComponent(Services.RELAY));
        components.add(new WorkerComponent(Services.STREAM_PROCESSORS));
        return components;
    }

    /** The forked Micronaut services. A service whose module is not built yet is skipped with a warning. */
    public static List<ServiceSpec> services(StackConfig config) {
        List<ServiceSpec> all = List.of(
                new ServiceSpec("command-api", config.repoRoot().resolve("command-api"),
                        "io.lucid.command.Application", config.commandPort(), "LUCID_COMMAND_PORT",
                        // The dashboard on query-api starts pairings from the browser (docs/dashboard.md).
                        Map.of("LUCID_CORS_ORIGINS", "http://127.0.0.1:" + config.queryPort()
                                + ",http://localhost:" + config.queryPort())),
                new ServiceSpec("query-api", config.repoRoot().resolve("query-api"),
                        "io.lucid.query.Application", config.queryPort(), "LUCID_QUERY_PORT",
                        // command-api completes the pairings that devices send over query-api's WebSocket, and the
                        // dashboard starts pairings from the browser.
                        Map.of("LUCID_COMMAND_PORT", String.valueOf(config.commandPort()),
                                "LUCID_COMMAND_API_URL", config.commandApiUrl(),
                                "LUCID_DASHBOARD_COMMAND_API_URL", config.commandApiUrl()),
                        // A local stack's dashboard opens without asking for a token (loopback callers only).
                        env -> Map.of("LUCID_DASHBOARD_DEV_TOKEN", AdminTokens.dashboard(env.jwtSecret()))));
        List<ServiceSpec> built = new ArrayList<>();
        for (ServiceSpec spec : all) {
            if (spec.isBuilt()) {
                built.add(spec);
            } else {
                log.warn("{} is not built ({} is missing): not started", spec.name(), spec.classpathFile());
            }
        }
        return built;
    }
}
