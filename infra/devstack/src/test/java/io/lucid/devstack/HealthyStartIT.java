package io.lucid.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.lucid.devstack.test.EmbeddedTestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A healthy start prints no WARN or ERROR: neither the parts running in this JVM (registry, relay, projections,
 * stream processors) nor the forked services (their logs in the stack's {@code logs/}). A warning on every start
 * teaches operators to ignore warnings; each one is removed at its cause, and this test keeps them out.
 */
class HealthyStartIT {

    /** How long the started stack is watched for late warnings (first polls, revocation refresh, rebalances). */
    private static final long SETTLE_MILLIS = 10_000;
    /** A WARN or ERROR line of a service log, in the text layout (level after the timestamp) or as JSON. */
    private static final Pattern WARNING_LINE =
            Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s.*|.*\"level\":\"(WARN|ERROR)\".*");

    private static final List<String> inProcess = new CopyOnWriteArrayList<>();
    private static final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                inProcess.add(event.getLevel() + " " + event.getLoggerName() + " [" + event.getThreadName() + "] "
                        + event.getFormattedMessage());
            }
        }
    };
    private static Path dir;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() throws InterruptedException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        capture.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        capture.start();
        root.addAppender(capture);
        dir = EmbeddedTestStack.createTempDir();
        stack = EmbeddedStack.start(StackConfig.forTests(dir));
        Thread.sleep(SETTLE_MILLIS);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(capture);
        if (stack != null) {
            stack.close();
            EmbeddedTestStack.deleteQuietly(dir);
        }
    }

    @Test
    void thePartsInThisJvmLogNoWarning() {
        assertThat(inProcess).as("WARN and ERROR events of a healthy start").isEmpty();
    }

    @Test
    void theForkedServicesLogNoWarning() throws IOException {
        Map<String, List<String>> warnings = new TreeMap<>();
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
            logs = files.filter(f -> f.toString().endsWith(".log")).toList();
        }
        assertThat(logs).as("service logs").extracting(f -> f.getFileName().toString())
                .contains("command-api.log", "query-api.log");
        for (Path log : logs) {
            List<String> found = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (WARNING_LINE.matcher(line).matches()) {
                    found.add(line);
                }
            }
            if (!found.isEmpty()) {
                warnings.put(log.getFileName().toString(), found);
            }
        }
        assertThat(warnings).as("WARN and ERROR lines of a healthy start, by log file").isEmpty();
    }
}
