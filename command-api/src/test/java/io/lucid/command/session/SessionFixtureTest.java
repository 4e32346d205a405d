package io.lucid.command.session;

import java.time.Clock;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;

/** Axon's given/when/then fixture for Session, with in-memory recording slots (limits 3 system-wide, 2 per node). */
abstract class SessionFixtureTest {

    protected AggregateTestFixture<Session> fixture;
    protected InMemoryRecordingSlots slots;

    @BeforeEach
    void setUpFixture() {
        fixture = new AggregateTestFixture<>(Session.class);
        slots = new InMemoryRecordingSlots(3, 2);
        fixture.registerInjectableResource(slots);
        fixture.registerInjectableResource(Clock.fixed(SessionFixtures.NOW, ZoneOffset.UTC));
    }
}
