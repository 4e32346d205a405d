package io.lucid.command.idempotency;

/**
 * Where idempotency keys live. A key is claimed before its request runs, so that of two concurrent requests with
 * one key only the first executes; the claim is completed with the final response, or released when the request
 * failed in a way worth retrying (5xx).
 */
public interface IdempotencyStore {

    /** What {@link #claim} found. */
    sealed interface Claim {
        /** The caller owns the key now and must {@link #complete} or {@link #release} it. */
        record Claimed() implements Claim {
        }

        /** The key was used for another request (different method, path or body). */
        record Reused() implements Claim {
        }

        /** The first request with this key is still running. */
        record InFlight() implements Claim {
        }

        /** The first request finished: replay its answer. */
        record Completed(StoredResponse response) implements Claim {
        }
    }

    Claim claim(String scope, String key, String requestHash);

    void complete(String scope, String key, StoredResponse response);

    void release(String scope, String key);
}
