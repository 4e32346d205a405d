package io.lucid.devstack.service;

import io.lucid.streams.StreamProcessorsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker services by name, each started from variables only: the same call serves {@link ServiceMain} (the
 * process environment) and the embedded stack (the stack's variables).
 */
public final class Services {

    public static final String RELAY = "relay";
    public static final String PROJECTIONS = "projections";
    public static final String STREAM_PROCESSORS = "stream-processors";
    public static final List<String> NAMES = List.of(RELAY, PROJECTIONS, STREAM_PROCESSORS);

    /** Readiness turns false while a projection or stream processor is more records behind than this. */
    public static final String MAX_LAG_VARIABLE = "LUCID_READY_MAX_LAG";
    public static final long DEFAULT_MAX_LAG = 1_000;

    private Services() {
    }

    /**
     * Starts the named service and returns once it runs.
     *
     * @param stateDir where the stream processors keep their stores when {@code LUCID_STREAMS_STATE_DIR} is unset
     */
    public static Service start(String name, Map<String, String> env, Optional<Path> stateDir) throws Exception {
        long maxLag = Long.parseLong(env.getOrDefault(MAX_LAG_VARIABLE, String.valueOf(DEFAULT_MAX_LAG)).trim());
        return switch (name) {
            case RELAY -> new RelayService(env);
            case PROJECTIONS -> new ProjectionsService(env, maxLag);
            case STREAM_PROCESSORS -> {
                StreamProcessorsConfig config = StreamProcessorsConfig.fromEnvironment(env);
                if (config.stateDir().isEmpty() && stateDir.isPresent()) {
                    config = config.withStateDir(stateDir.get().toString());
                }
                yield new StreamProcessorsService(config, maxLag);
            }
            default -> throw new IllegalArgumentException("no service named '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
