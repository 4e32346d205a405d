package io.lucid.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.schemas.audit.EventChain;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/** The trace context is kept in the metadata but outside the hash chain (docs/adr/0055). */
class ChainedAppendStatementTest {

    @Test
    void theTraceContextDoesNotChangeAnEventsHash() {
        Map<String, String> provenance = Map.of("actor", "admin", "correlation_id", "corr-1");
        GenericDomainEventMessage<String> plain = new GenericDomainEventMessage<>("Node", "node_1", 0, "payload",
                MetaData.from(provenance));
        GenericDomainEventMessage<String> traced = plain.andMetaData(Map.of("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        byte[] payload = {(byte) 0xC3, 1, 2};
        String time = "2026-12-02T04:00:00.123Z";
        EventChain.Fields a = ChainedAppendStatement.fields(plain, "io.lucid.events.node.NodeRegistered", time, payload);
        EventChain.Fields b = ChainedAppendStatement.fields(traced, "io.lucid.events.node.NodeRegistered", time, payload);
        assertThat(EventChain.canonical(b)).isEqualTo(EventChain.canonical(a));
        assertThat(b.actor()).isEqualTo("admin");
    }
}
