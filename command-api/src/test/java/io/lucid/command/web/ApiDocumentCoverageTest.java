package io.lucid.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated OpenAPI document lists every route of every controller: a controller or method that the generator
 * skipped (or an annotation that hides it by mistake) fails here.
 */
class ApiDocumentCoverageTest {

    @Test
    void everyControllerRouteIsInTheDocument() throws Exception {
        Map<String, Map<String, Object>> paths;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/swagger/lucid-command-api.yml")) {
            assertThat(in).as("generated document").isNotNull();
            Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(in);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> documented = (Map<String, Map<String, Object>>) document.get("paths");
            paths = documented;
        }
        List<String> missing = new ArrayList<>();
        int routes = 0;
        for (Class<?> type : controllers()) {
            String base = type.getAnnotation(Controller.class).value();
            for (Method method : type.getDeclaredMethods()) {
                String[] route = route(method);
                if (route == null) {
                    continue;
                }
                routes++;
                String path = normalise(base + route[1]);
                if (!paths.containsKey(path) || !paths.get(path).containsKey(route[0])) {
                    missing.add(route[0].toUpperCase(Locale.ROOT) + " " + path + " (" + type.getSimpleName() + ")");
                }
            }
        }
        assertThat(routes).isGreaterThan(30);
        assertThat(missing).isEmpty();
    }

    /** {method, uri} of a route method, or null. */
    private static String[] route(Method method) {
        if (method.isAnnotationPresent(Get.class)) {
            return new String[] {"get", uri(method.getAnnotation(Get.class).value(), method.getAnnotation(Get.class).uri())};
        }
        if (method.isAnnotationPresent(Post.class)) {
            return new String[] {"post", uri(method.getAnnotation(Post.class).value(), method.getAnnotation(Post.class).uri())};
        }
        if (method.isAnnotationPresent(Put.class)) {
            return new String[] {"put", uri(method.getAnnotation(Put.class).value(), method.getAnnotation(Put.class).uri())};
        }
        if (method.isAnnotationPresent(Delete.class)) {
            return new String[] {"delete", uri(method.getAnnotation(Delete.class).value(),
                    method.getAnnotation(Delete.class).uri())};
        }
        return null;
    }

    private static String uri(String value, String uri) {
        String chosen = !"/".equals(uri) && !uri.isEmpty() ? uri : value;
        return "/".equals(chosen) ? "" : chosen;
    }

    /** Path variables as the document writes them: {@code {id}}, without RFC 6570 operators. */
    private static String normalise(String path) {
        return path.replaceAll("\\{[+?&#]?([^}:]+)(:[^}]*)?}", "{$1}").replaceAll("/$", "");
    }

    private static List<Class<?>> controllers() throws Exception {
        Path classes = Path.of(ApiDocsController.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/lucid/command"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString()
                    .contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ApiDocumentCoverageTest.class.getClassLoader());
                if (type.isAnnotationPresent(Controller.class) && !type.isAnnotationPresent(Hidden.class)) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
