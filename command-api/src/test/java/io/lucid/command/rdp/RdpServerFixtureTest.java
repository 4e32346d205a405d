package io.lucid.command.rdp;

import java.time.Clock;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;

/** Axon's given/when/then fixture for RdpServer with in-memory port slots. */
abstract class RdpServerFixtureTest {

    protected AggregateTestFixture<RdpServer> fixture;
    protected InMemoryRdpServerSlots slots;

    @BeforeEach
    void setUpFixture() {
        fixture = new AggregateTestFixture<>(RdpServer.class);
        slots = new InMemoryRdpServerSlots();
        fixture.registerInjectableResource(slots);
        fixture.registerInjectableResource(Clock.fixed(RdpFixtures.NOW, ZoneOffset.UTC));
    }
}
