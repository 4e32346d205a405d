package io.lucid.devstack.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares what an independent client decoded with what the command sent: every expected field must be present with
 * an equal value (numbers by value, whatever their JSON width). Returns the differences by field path.
 */
final class JsonMatch {

    private JsonMatch() {
    }

    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> found = new ArrayList<>();
        compare("", expected, actual, found);
        return found;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> found) {
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                found.add(path + ": expected an object, got " + actual);
                return;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!actual.has(field.getKey())) {
                    found.add(child + ": missing");
                } else {
                    compare(child, field.getValue(), actual.get(field.getKey()), found);
                }
            }
        } else if (expected.isNumber()) {
            if (actual == null || !actual.isNumber() || expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                found.add(path + ": expected " + expected + ", got " + actual);
            }
        } else if (!expected.equals(actual)) {
            found.add(path + ": expected " + expected + ", got " + actual);
        }
    }
}
