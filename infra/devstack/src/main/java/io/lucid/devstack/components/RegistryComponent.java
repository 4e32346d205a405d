package io.lucid.devstack.components;

import io.lucid.devstack.StackComponent;
import io.lucid.devstack.StackEnvironment;
import io.lucid.registry.Compatibility;
import io.lucid.registry.RegistryConfig;
import io.lucid.registry.RegistryServer;

/** The schema registry of the embedded stack, on loopback, storing its state in Kafka's {@code _schemas}. */
public final class RegistryComponent implements StackComponent {

    private final short replicationFactor;
    private RegistryServer server;

    /** @param replicationFactor of {@code _schemas} when the registry creates it: the stack's broker cluster's */
    public RegistryComponent(int replicationFactor) {
        this.replicationFactor = (short) replicationFactor;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public void start(StackEnvironment env) {
        server = RegistryServer.start(new RegistryConfig(env.registryPort(), env.kafkaBootstrap(), RegistryConfig.DEFAULT_TOPIC,
                Compatibility.BACKWARD_TRANSITIVE, "127.0.0.1", replicationFactor, RegistryConfig.DEFAULT_THREADS));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
