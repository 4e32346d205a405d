package io.lucid.devstack.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Malformed and boundary request bodies for the fuzz tests: documents that are not JSON objects, and a valid body
 * with one field at a time replaced by a value of the wrong type, out of every range, absurdly large, or removed.
 */
public final class Fuzz {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Fuzz() {
    }

    /** Bodies that are not a JSON object of the expected shape at all. */
    public static List<String> malformed() {
        List<String> bodies = new ArrayList<>(List.of("", " ", "null", "[]", "{}", "42", "\"text\"", "true", "{\"a\":", "{]",
                "{\"a\":1,}", "\u0000", "\uFEFF{}", "{\"x\":\"\\ud800\"}", "{\"x\":1e999999}", "[" + "{}, ".repeat(5000) + "{}]"));
        bodies.add("[".repeat(5000) + "]".repeat(5000));
        bodies.add("{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
        return bodies;
    }

    /** Values of the wrong type or outside any sensible range, for any field. */
    public static List<JsonNode> strangeValues() {
        return List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("x".repeat(100_000)), NODES.textNode("☃\u202e🚀"), NODES.textNode("nul\u0000byte"),
                NODES.numberNode(-1), NODES.numberNode(0), NODES.numberNode(1.5), NODES.numberNode(-0.0),
                NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE),
                NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")), NODES.numberNode(1e300),
                NODES.booleanNode(true), NODES.arrayNode().add(1), NODES.objectNode().put("a", 1),
                NODES.textNode("unknown_value"), NODES.textNode("null"), NODES.textNode("-1"));
    }

    /** {@code valid} with each (nested) field in turn replaced by each strange value, then removed. */
    public static List<String> mutations(String valid) {
        JsonNode template = parse(valid);
        List<String> bodies = new ArrayList<>();
        for (List<String> path : fieldPaths(template, List.of())) {
            for (JsonNode strange : strangeValues()) {
                ObjectNode copy = template.deepCopy();
                parentOf(copy, path).set(path.get(path.size() - 1), strange);
                bodies.add(copy.toString());
            }
            ObjectNode copy = template.deepCopy();
            parentOf(copy, path).remove(path.get(path.size() - 1));
            bodies.add(copy.toString());
        }
        ObjectNode extra = template.deepCopy();
        extra.put("unexpected_field", "x".repeat(1000));
        bodies.add(extra.toString());
        return bodies;
    }

    /** A JSON body of about {@code megabytes} MB: one huge string field. */
    public static String huge(int megabytes) {
        return "{\"padding\":\"" + "x".repeat(megabytes * 1024 * 1024) + "\"}";
    }

    private static List<List<String>> fieldPaths(JsonNode node, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            List<String> path = new ArrayList<>(prefix);
            path.add(field.getKey());
            paths.add(path);
            if (field.getValue().isObject()) {
                paths.addAll(fieldPaths(field.getValue(), path));
            }
        }
        return paths;
    }

    private static ObjectNode parentOf(ObjectNode root, List<String> path) {
        ObjectNode parent = root;
        for (String name : path.subList(0, path.size() - 1)) {
            parent = (ObjectNode) parent.get(name);
        }
        return parent;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
