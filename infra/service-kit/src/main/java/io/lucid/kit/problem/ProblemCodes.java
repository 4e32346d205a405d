package io.lucid.kit.problem;

import java.util.Map;

/** The stable {@code code} and wording of the errors the framework raises by itself, by HTTP status. */
public final class ProblemCodes {

    public static final String MALFORMED_REQUEST = "malformed_request";
    public static final String UNAUTHORIZED = "unauthorized";

    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, MALFORMED_REQUEST),
            Map.entry(401, UNAUTHORIZED),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not_found"),
            Map.entry(405, "method_not_allowed"),
            Map.entry(406, "not_acceptable"),
            Map.entry(413, "payload_too_large"),
            Map.entry(415, "unsupported_media_type"),
            Map.entry(422, "validation_failed"),
            Map.entry(429, "rate_limited"),
            Map.entry(431, "headers_too_large"),
            Map.entry(503, "unavailable"));

    // The framework's own words add nothing here ("Page Not Found"), or could name internals.
    private static final Map<Integer, String> FIXED_DETAILS = Map.of(
            401, "A valid bearer token is required.",
            403, "The token does not allow this request.",
            404, "No such resource.");

    private ProblemCodes() {
    }

    public static String of(int status) {
        return CODES.getOrDefault(status, status >= 500 ? "internal_error" : "request_rejected");
    }

    /** Our wording for this status, or null where the framework's message (e.g. what is malformed) is useful. */
    static String fixedDetail(int status) {
        if (status >= 500) {
            return status == 503
                    ? "The service is temporarily unavailable; retry later."
                    : "The request could not be processed; it changed nothing. It has been logged.";
        }
        return FIXED_DETAILS.get(status);
    }
}
