package io.lucid.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.command.node.Node;
import io.lucid.command.node.NodeClaims;
import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** State as of a version or a time is the aggregate class's own replay of that many events, nothing else. */
class AggregateReplayTest {

    private static final String ID = "node_replay_01";
    private static final Instant T0 = Instant.parse("2026-11-21T07:00:00Z");
    private Configuration axon;

    @BeforeEach
    void setUp() {
        NodeClaims claims = (NodeClaims) Proxy.newProxyInstance(NodeClaims.class.getClassLoader(),
                new Class<?>[] {NodeClaims.class}, (proxy, method, args) -> null);
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(NodeClaims.class, c -> claims)
                .registerComponent(Clock.class, c -> Clock.systemUTC())
                .configureAggregate(Node.class)
                .buildConfiguration();
        axon.start();
        NodeRegistered registered = NodeRegistered.newBuilder().setNodeId(ID).setName("replay-01")
                .setNodeType(NodeType.worker)
                .setHardware(NodeHardware.newBuilder().setCpuCores(8).setMemoryBytes(16L << 30)
                        .setStorageBytes(500L << 30).setStorageType(StorageType.NVMe).setNetworkMbps(1000).build())
                .setLocation(NodeLocation.newBuilder().setCountry("DE").build())
                .setWalletAddress("TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz").setPublicKey("AAAA").setRegisteredAt(T0).build();
        List<Object> events = List.of(registered, new NodeActivated(ID, T0.plusSeconds(60)),
                new NodeMaintenanceEntered(ID, "disk", T0.plusSeconds(120)));
        for (int i = 0; i < events.size(); i++) {
            axon.eventStore().publish(new GenericDomainEventMessage<>("Node", ID, i, events.get(i))
                    .andMetaData(java.util.Map.of()));
        }
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    @Test
    void replaysExactlyTheFirstNEvents() {
        AggregateReplay replay = new AggregateReplay(axon);
        AggregateReplay.State one = replay.stateOf(ID, 1L, null).orElseThrow();
        assertThat(one.version()).isEqualTo(1);
        assertThat(one.aggregateType()).isEqualTo("Node");
        JsonNode state = one.state();
        assertThat(state.path("node_id").asText()).isEqualTo(ID);
        assertThat(state.path("status").asText()).isEqualTo("INACTIVE");
        assertThat(replay.stateOf(ID, 2L, null).orElseThrow().state().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(replay.stateOf(ID, null, null).orElseThrow().state().path("status").asText()).isEqualTo("MAINTENANCE");
        assertThat(replay.stateOf(ID, 99L, null).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void aTimeBoundStopsBeforeLaterEventsAndNothingBeforeTheFirstIsEmpty() {
        AggregateReplay replay = new AggregateReplay(axon);
        assertThat(replay.stateOf("node_unknown", null, null)).isEmpty();
        assertThat(replay.stateOf(ID, null, T0.minusSeconds(1))).isEmpty();
    }
}
