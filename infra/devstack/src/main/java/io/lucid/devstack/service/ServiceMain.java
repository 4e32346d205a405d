package io.lucid.devstack.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker service as a process of its own, configured by the environment only:
 * {@code java -cp <devstack classpath> io.lucid.devstack.service.ServiceMain relay|projections|stream-processors}.
 * Health and metrics listen on {@code LUCID_SERVICE_HOST:LUCID_SERVICE_PORT} (127.0.0.1 and the service's default
 * port) from the first moment, so liveness answers while the service starts and readiness only once it runs.
 * SIGTERM stops the service gracefully (batches finish or roll back, consumers leave their groups), then the
 * endpoint; a service that stops on an error ends the process with status 1.
 */
public final class ServiceMain {

    private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);
    /** Default ports of the health and metrics endpoint, next to the APIs' 8080-8082. */
    static final Map<String, Integer> DEFAULT_PORTS =
            Map.of(Services.RELAY, 8083, Services.PROJECTIONS, 8084, Services.STREAM_PROCESSORS, 8085);

    private ServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Services.NAMES.contains(args[0])) {
            System.err.println("usage: ServiceMain " + String.join("|", Services.NAMES));
            System.exit(2);
        }
        String name = args[0];
        Map<String, String> env = System.getenv();
        String host = env.getOrDefault("LUCID_SERVICE_HOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("LUCID_SERVICE_PORT", String.valueOf(DEFAULT_PORTS.get(name))));
        AtomicReference<Service> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        try (ServiceHttp http = ServiceHttp.start(running::get, host, port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Service service = running.getAndSet(null);
                if (service != null) {
                    log.info("stopping {}", name);
                    service.close();
                }
                stopped.countDown();
            }, name + "-shutdown"));
            try {
                running.set(Services.start(name, env, Optional.empty()));
            } catch (RuntimeException e) {
                // A service that cannot start (a refusing registry, a wrong setting) says why in one ERROR line and
                // exits, rather than leaving client threads that would keep the JVM up as a process doing nothing.
                log.error("{} cannot start: {}", name, e.getMessage(), e);
                System.exit(1);
            }
            log.info("{} running; health and metrics on http://{}:{}", name, host, http.port());
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                Service service = running.get();
                if (service != null && !service.isLive()) {
                    log.error("{} stopped on an error; exiting", name);
                    System.exit(1);
                }
            }
        }
    }
}
