package io.lucid.devstack;

import io.lucid.devstack.demo.DemoTraffic;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher behind {@code ./lucid up [--fresh]} and {@code ./lucid down}: the only {@code main} of the infra.
 * The stack's data lives in {@code .lucid/} under the working directory (the launcher runs from the checkout).
 */
public final class Devstack {

    /** The name of the pid file of the {@code up} JVM itself. */
    static final String PID_NAME = "devstack";
    private static final String MAIN_MARKER = Devstack.class.getName();
    private static final Path DATA_DIR = Path.of(".lucid");
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(30);
    /** File-only logger (see logback.xml): stack traces go to devstack.log, never to the console. */
    private static final Logger trace = LoggerFactory.getLogger("io.lucid.devstack.trace");

    private Devstack() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(List.of(args));
        } catch (StackException e) {
            trace.error("lucid failed", e);
            System.err.println("lucid: " + e.getMessage());
            code = 1;
        } catch (Exception e) {
            trace.error("unexpected failure", e);
            System.err.println("lucid: " + EmbeddedStack.oneLine(e) + " (see .lucid/logs/devstack.log)");
            code = 1;
        }
        System.exit(code);
    }

    private static int run(List<String> args) throws Exception {
        String command = args.isEmpty() ? "" : args.get(0);
        List<String> options = args.isEmpty() ? List.of() : args.subList(1, args.size());
        if (command.equals("up") && List.of("--fresh", "--demo").containsAll(options)) {
            up(options.contains("--fresh"), options.contains("--demo"));
            return 0;
        }
        if (command.equals("demo") && options.isEmpty()) {
            demo();
            return 0;
        }
        if (command.equals("down") && options.isEmpty()) {
            down();
            return 0;
        }
        if (command.equals("watch") && options.size() == 1) {
            return Watch.run(options.get(0), DATA_DIR.toAbsolutePath());
        }
        if (command.equals("audit")) {
            return AuditCli.run(options, DATA_DIR.toAbsolutePath());
        }
        if (command.equals("replay")) {
            return ReplayCli.run(options, DATA_DIR.toAbsolutePath());
        }
        System.err.println("usage: lucid up [--fresh] [--demo] | lucid down | lucid demo | lucid watch <channel> | lucid audit ... | lucid replay ...");
        return 2;
    }

    /**
     * Starts the stack, prints where everything is, and blocks until SIGINT/SIGTERM stops it; with {@code demo}, the
     * demo traffic runs against it (the launcher script has set the short PoOT time base).
     */
    private static void up(boolean fresh, boolean demo) throws InterruptedException {
        Path data = DATA_DIR.toAbsolutePath();
        PidFiles pidFiles = new PidFiles(data.resolve("run"));
        Optional<ProcessHandle> running = pidFiles.live(PID_NAME, MAIN_MARKER);
        if (running.isPresent()) {
            throw new StackException("the stack is already running (pid " + running.get().pid()
                    + "): stop it with ./lucid down");
        }
        pidFiles.write(PID_NAME, ProcessHandle.current().pid());
        StackConfig config = StackConfig.fromEnvironment(data, fresh);
        EmbeddedStack stack = EmbeddedStack.of(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            pidFiles.remove(PID_NAME);
        }, "lucid-shutdown"));
        stack.start();
        printBanner(stack, System.out);
        if (demo) {
            startDemo(stack.config(), stack.environment().jwtSecret());
        }
        new CountDownLatch(1).await();
    }

    /** {@code ./lucid demo}: the demo traffic against a stack started from another shell, until Ctrl-C. */
    private static void demo() throws Exception {
        Path data = DATA_DIR.toAbsolutePath();
        Path secretFile = data.resolve("jwt-secret");
        if (!Files.isRegularFile(secretFile)) {
            throw new StackException("no " + secretFile + ": start the stack first (./lucid up, or ./lucid up --demo)");
        }
        StackConfig config = StackConfig.fromEnvironment(data, false);
        String secret = config.jwtSecret().orElse(Files.readString(secretFile).trim());
        DemoTraffic traffic = startDemo(config, secret);
        Runtime.getRuntime().addShutdownHook(new Thread(traffic::close, "lucid-demo-shutdown"));
        new CountDownLatch(1).await();
    }

    private static DemoTraffic startDemo(StackConfig config, String secret) {
        DemoTraffic traffic = DemoTraffic.start(
                URI.create(config.commandApiUrl()), URI.create(config.queryApiUrl()), secret, 8);
        System.out.println("Demo traffic running (8 nodes, PoOT slots of " + traffic.timeBase().slotSeconds() + " s, epochs of "
                + traffic.timeBase().slotsPerEpoch() + " slots): watch it at " + config.queryApiUrl() + "/");
        System.out.flush();
        return traffic;
    }

    /** Stops the {@code up} JVM (its shutdown hook stops the stack), then whatever a crashed run left behind. */
    private static void down() {
        Path data = DATA_DIR.toAbsolutePath();
        PidFiles pidFiles = new PidFiles(data.resolve("run"));
        boolean stoppedSomething = false;
        Optional<ProcessHandle> devstack = pidFiles.live(PID_NAME, MAIN_MARKER);
        if (devstack.isPresent()) {
            System.out.println("stopping the stack (pid " + devstack.get().pid() + ")...");
            if (!PidFiles.terminate(devstack.get(), DOWN_TIMEOUT)) {
                System.out.println("it did not stop within " + DOWN_TIMEOUT.toSeconds() + " s: killed it");
            }
            stoppedSomething = true;
        }
        pidFiles.remove(PID_NAME);
        stoppedSomething |= pidFiles.stopLeftovers(PidFiles.marker(data), PID_NAME) > 0;
        Path pgData = data.resolve("postgres");
        if (PostgresCluster.isRunning(pgData)) {
            stopPostgres(data, pgData);
            stoppedSomething = true;
        }
        System.out.println(stoppedSomething ? "stopped" : "nothing was running");
    }

    private static void stopPostgres(Path data, Path pgData) {
        Optional<Path> configured = Optional.ofNullable(System.getenv("LUCID_PG_BIN"))
                .filter(s -> !s.isBlank()).map(Path::of);
        try {
            Path bin = PostgresCluster.findBinaries(configured, PostgresCluster.DEBIAN_ROOT);
            new PostgresCluster(bin, pgData, data, 0, true).stop();
        } catch (StackException e) {
            // No pg_ctl: SIGTERM is PostgreSQL's "smart" shutdown, enough once its clients are gone.
            PostgresCluster.postmasterPid(pgData).flatMap(ProcessHandle::of)
                    .ifPresent(p -> PidFiles.terminate(p, DOWN_TIMEOUT));
        }
    }

    static void printBanner(EmbeddedStack stack, PrintStream out) {
        StackConfig config = stack.config();
        StackEnvironment env = stack.environment();
        List<String> parts = stack.partNames();
        Map<String, Duration> times = stack.startupTimes();
        String detail = times.entrySet().stream()
                .filter(e -> !e.getKey().equals("total"))
                .map(e -> e.getKey() + " " + seconds(e.getValue()))
                .collect(Collectors.joining(", "));
        out.println();
        out.println("Lucid stack ready in " + seconds(times.get("total")) + " (" + detail + ")");
        row(out, "command-api", env.commandApiUrl(), parts.contains("command-api"));
        row(out, "query-api", env.queryApiUrl(), parts.contains("query-api"));
        row(out, "dashboard", env.queryApiUrl() + "/", parts.contains("query-api"));
        row(out, "WebSocket", env.queryApiUrl().replaceFirst("^http", "ws") + "/ws", parts.contains("query-api"));
        row(out, "registry", env.schemaRegistryUrl(),
                config.externalRegistryUrl().isPresent() || parts.contains("registry"));
        row(out, "Kafka", env.kafkaBootstrap(), true);
        row(out, "PostgreSQL", env.jdbcUrl() + "  (user " + env.dbUser() + ")", true);
        row(out, "data", config.dataDir() + "  (logs in " + config.dataDir().resolve("logs") + ")", true);
        out.println("Admin token (also in " + config.dataDir().resolve("admin-token") + "):");
        out.println(stack.adminToken());
        out.println("Ctrl-C or ./lucid down stops everything.");
        out.flush();
    }

    private static void row(PrintStream out, String name, String value, boolean running) {
        out.printf("  %-12s %s%s%n", name, value, running ? "" : "  (not running: not built or not wired yet)");
    }

    private static String seconds(Duration d) {
        return d == null ? "?" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
