package io.lucid.devstack.components;

import io.lucid.devstack.StackComponent;
import io.lucid.devstack.StackEnvironment;
import io.lucid.projections.ProjectionConfig;
import io.lucid.projections.ProjectionService;

/** The projections of the embedded stack: every domain topic into the {@code read} schema. */
public final class ProjectionsComponent implements StackComponent {

    private ProjectionService service;

    @Override
    public String name() {
        return "projections";
    }

    @Override
    public void start(StackEnvironment env) {
        service = ProjectionService.start(ProjectionConfig.of(env.jdbcUrl(), env.dbUser(), env.dbPassword(),
                env.kafkaBootstrap(), env.schemaRegistryUrl()));
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
            service = null;
        }
    }
}
