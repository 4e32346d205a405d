package io.lucid.query;

import io.micronaut.runtime.Micronaut;

/** Starts query-api: REST reads under {@code /api/v1}, live views on {@code /ws}, {@code /health}. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
