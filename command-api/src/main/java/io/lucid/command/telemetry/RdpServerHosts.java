package io.lucid.command.telemetry;

import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerDeleted;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.Optional;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * Which node hosts an RDP server, and whether the server still exists, read from the server's own events. Health
 * reports arrive every 30 s for at most 100 servers (DOMAIN.md section 3), a few reads a second: no lookup table is
 * worth keeping for that. Reads from sequence 0, past any snapshot, since only the events name the host.
 */
@Singleton
final class RdpServerHosts {

    static final String AGGREGATE_TYPE = "RdpServer";

    /** A server that exists and is not deleted; {@code nodeId} is null while no node is assigned. */
    record Host(String serverId, String nodeId) {
    }

    private final Configuration axon;

    RdpServerHosts(Configuration axon) {
        this.axon = axon;
    }

    Optional<Host> find(String serverId) {
        DomainEventStream events = axon.eventStore().readEvents(serverId, 0);
        Host host = null;
        for (Iterator<? extends DomainEventMessage<?>> it = events; it.hasNext(); ) {
            DomainEventMessage<?> event = it.next();
            if (!AGGREGATE_TYPE.equals(event.getType())) {
                return Optional.empty();
            }
            if (event.getPayload() instanceof RdpServerCreated created) {
                host = new Host(serverId, created.getNodeId());
            } else if (event.getPayload() instanceof RdpServerDeleted) {
                host = null;
            }
        }
        return Optional.ofNullable(host);
    }
}
