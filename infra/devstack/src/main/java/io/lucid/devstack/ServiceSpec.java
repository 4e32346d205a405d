package io.lucid.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * A Micronaut service the stack forks in its own JVM: which module's build to run, its main class, the port its
 * {@code /health} answers on (passed to it as {@code portVariable}), and the variables it needs besides
 * {@link StackEnvironment#serviceVariables()}: fixed ones, and ones derived from the running stack's environment
 * (known only once the stack's secret is, e.g. a token).
 */
public record ServiceSpec(String name, Path moduleDir, String mainClass, int port, String portVariable,
        Map<String, String> extraEnv, Function<StackEnvironment, Map<String, String>> derivedEnv) {

    public ServiceSpec {
        extraEnv = Map.copyOf(extraEnv);
    }

    public ServiceSpec(String name, Path moduleDir, String mainClass, int port, String portVariable,
            Map<String, String> extraEnv) {
        this(name, moduleDir, mainClass, port, portVariable, extraEnv, env -> Map.of());
    }

    /** The classpath file the module's build writes next to its classes. */
    public Path classpathFile() {
        return moduleDir.resolve("target").resolve("classpath.txt");
    }

    public Path classesDir() {
        return moduleDir.resolve("target").resolve("classes");
    }

    public boolean isBuilt() {
        return Files.isRegularFile(classpathFile());
    }
}
