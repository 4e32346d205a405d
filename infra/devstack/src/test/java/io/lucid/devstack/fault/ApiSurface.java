package io.lucid.devstack.fault;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of an API as its served OpenAPI document ({@code GET /openapi}) lists it: method, path, parameters
 * and the request body's schema with its references resolved. The fuzz test walks this list, so an endpoint added to
 * either API is fuzzed without anyone editing the test.
 */
final class ApiSurface {

    /** One parameter: where it goes ({@code path}, {@code query}, {@code header}) and its JSON type. */
    record Parameter(String name, String in, String type) {
    }

    /**
     * One operation. {@code body} is the resolved JSON schema of its request body, or null when it takes none;
     * {@code anonymous} when the document lifts the bearer requirement for it.
     */
    record Operation(String api, String method, String path, List<Parameter> parameters, Map<String, Object> body,
            boolean bodyRequired, boolean anonymous) {

        @Override
        public String toString() {
            return api + " " + method + " " + path;
        }
    }

    private ApiSurface() {
    }

    /**
     * The operations of the API at {@code base}. {@code anonymousPaths} are the paths its code serves without a
     * token although the document does not say so (the document has one security requirement for all).
     */
    @SuppressWarnings("unchecked")
    static List<Operation> of(String api, URI base, List<String> anonymousPaths) throws IOException {
        RawHttp.Response answer = new RawHttp(base, 30_000).send("GET", "/openapi".getBytes(StandardCharsets.US_ASCII),
                List.of(), null);
        if (answer.status() != 200) {
            throw new IOException(api + " /openapi answered " + answer.status());
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(50_000_000);
        Map<String, Object> document = new Yaml(options).load(answer.body());
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document
                .getOrDefault("components", Map.of())).getOrDefault("schemas", Map.of());
        List<Operation> operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            for (Map.Entry<String, Object> method : path.getValue().entrySet()) {
                if (!List.of("get", "post", "put", "delete", "patch").contains(method.getKey())) {
                    continue;
                }
                Map<String, Object> op = (Map<String, Object>) method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (Map<String, Object> p : (List<Map<String, Object>>) op.getOrDefault("parameters", List.of())) {
                    Map<String, Object> schema = resolve((Map<String, Object>) p.getOrDefault("schema", Map.of()), schemas, 0);
                    parameters.add(new Parameter((String) p.get("name"), (String) p.get("in"),
                            (String) schema.getOrDefault("type", "string")));
                }
                Map<String, Object> body = null;
                boolean required = false;
                Map<String, Object> requestBody = (Map<String, Object>) op.get("requestBody");
                if (requestBody != null) {
                    Map<String, Object> content = (Map<String, Object>) requestBody.getOrDefault("content", Map.of());
                    Map<String, Object> json = (Map<String, Object>) content.get("application/json");
                    if (json != null) {
                        body = resolve((Map<String, Object>) json.getOrDefault("schema", Map.of()), schemas, 0);
                        required = Boolean.TRUE.equals(requestBody.get("required"));
                    }
                }
                boolean anonymous = op.get("security") instanceof List<?> security && security.isEmpty()
                        || anonymousPaths.contains(path.getKey());
                operations.add(new Operation(api, method.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters,
                        body, required, anonymous));
            }
        }
        return operations;
    }

    /** The schema with {@code $ref} and single-element {@code allOf} replaced by what they name, to depth 6. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas, int depth) {
        if (depth > 6 || schema == null) {
            return Map.of("type", "object");
        }
        Map<String, Object> current = schema;
        if (current.containsKey("$ref")) {
            String name = ((String) current.get("$ref")).replace("#/components/schemas/", "");
            current = (Map<String, Object>) schemas.getOrDefault(name, Map.of("type", "object"));
        }
        if (current.get("allOf") instanceof List<?> all && !all.isEmpty()) {
            current = (Map<String, Object>) all.get(0);
            return resolve(current, schemas, depth + 1);
        }
        Map<String, Object> out = new LinkedHashMap<>(current);
        if (current.get("properties") instanceof Map<?, ?> properties) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> p : properties.entrySet()) {
                resolved.put((String) p.getKey(), resolve((Map<String, Object>) p.getValue(), schemas, depth + 1));
            }
            out.put("properties", resolved);
        }
        if (current.get("items") instanceof Map<?, ?> items) {
            out.put("items", resolve((Map<String, Object>) items, schemas, depth + 1));
        }
        if (current.get("additionalProperties") instanceof Map<?, ?> values) {
            out.put("additionalProperties", resolve((Map<String, Object>) values, schemas, depth + 1));
        }
        if (!out.containsKey("type")) {
            // no type given: any JSON value may be right, so no value of it is a type error
            out.put("type", out.containsKey("properties") ? "object" : "any");
        }
        return out;
    }
}
