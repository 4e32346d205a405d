package io.lucid.devstack.contract;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds {@code docs/examples/analytics-java} from its sources with the JDK's compiler against this JVM's classpath
 * (which holds the example's only dependencies, {@code schemas} and {@code kafka-clients}), and runs it as its own
 * process, the way a user runs it.
 */
final class JavaExample {

    private JavaExample() {
    }

    /** Compiles the example into a temporary directory and returns it. */
    static Path compile() throws IOException {
        Path sources = Repository.root().resolve("docs/examples/analytics-java/src/main/java");
        Path classes = Files.createTempDirectory("lucid-analytics-java-");
        List<String> options = List.of("-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"), "--release", "17");
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.map(Path::toString).filter(name -> name.endsWith(".java")).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(errors, null, null, options, null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjectsFromStrings(files)).call();
        if (!compiled) {
            throw new IllegalStateException("docs/examples/analytics-java does not compile:\n" + errors);
        }
        return classes;
    }

    static NodeJs.Result run(Path classes, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classes + File.pathSeparator + System.getProperty("java.class.path"),
                "io.lucid.examples.analytics.AnalyticsConsumer"));
        command.addAll(arguments);
        return NodeJs.run(Repository.root(), command, 300);
    }
}
