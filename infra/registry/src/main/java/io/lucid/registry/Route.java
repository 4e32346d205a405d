package io.lucid.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint of the REST API: a method, a path pattern whose {@code {}} segments are parameters, and the
 * code that answers it.
 */
record Route(String method, List<String> pattern, Endpoint endpoint) {

    /** Answers a matched request with a JSON body. */
    @FunctionalInterface
    interface Endpoint {
        Reply handle(HttpCall call);
    }

    /** A response: status and body bytes. */
    record Reply(int status, byte[] body) {
        static Reply ok(byte[] body) {
            return new Reply(200, body);
        }
    }

    static Route of(String method, String path, Endpoint endpoint) {
        return new Route(method, List.of(path.isEmpty() ? new String[0] : path.split("/")), endpoint);
    }

    /** The path parameters when {@code segments} match the pattern, else null. */
    List<String> match(List<String> segments) {
        if (segments.size() != pattern.size()) {
            return null;
        }
        List<String> params = new ArrayList<>(2);
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.equals("{}")) {
                params.add(segments.get(i));
            } else if (!expected.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
