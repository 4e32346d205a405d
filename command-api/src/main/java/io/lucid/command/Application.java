package io.lucid.command;

import io.micronaut.runtime.Micronaut;

/** Entry point of command-api: REST commands in, events into the event store. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).mainClass(Application.class).start();
    }
}
