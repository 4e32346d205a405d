package io.lucid.projections.rdp;

import com.google.auto.service.AutoService;
import io.lucid.events.rdp.ClientConnected;
import io.lucid.events.rdp.ClientDisconnected;
import io.lucid.events.rdp.RdpHealthReported;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerDeleted;
import io.lucid.events.rdp.RdpServerFailed;
import io.lucid.events.rdp.RdpServerResponsive;
import io.lucid.events.rdp.RdpServerRunning;
import io.lucid.events.rdp.RdpServerStartRequested;
import io.lucid.events.rdp.RdpServerStopRequested;
import io.lucid.events.rdp.RdpServerStopped;
import io.lucid.events.rdp.RdpServerUnresponsive;
import io.lucid.projections.EventMetadata;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.projections.Rows;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.FieldType;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.Sort;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.view.Views;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code rdp_server} view: one row per RDP server with its lifecycle state, port, configuration and resources,
 * its open client connections, its newest health report and whether it is unresponsive. Served at
 * {@code /api/v1/rdp-servers}, live on {@code rdp-servers} and {@code rdp-server:<id>}; a NODE token reads the servers
 * on its own node only.
 *
 * <p>Lifecycle events arrive in order per server. Health reports and liveness verdicts come from other topics and
 * may arrive before the server's creation (they then fill a stub row) or after its later lifecycle events; each part
 * is kept on its own and the parts are combined when the row is built, so the order topics are read in does not
 * change the result. {@code updated_at} is the time of the last lifecycle or connection change: telemetry every 30 s
 * is not a change of the server.
 */
@AutoService(ReadModel.class)
public final class RdpReadModel implements ReadModel {

    static final String VIEW = Views.RDP_SERVER;

    static final Set<String> STATES =
            Set.of("CREATED", "STARTING", "RUNNING", "STOPPING", "STOPPED", "FAILED", "DELETED");

    @Override
    public String name() {
        return "rdp";
    }

    @Override
    public List<Topic<String, ? extends SpecificRecord>> sources() {
        return List.of(Topics.RDP_EVENTS, Topics.RDP_TELEMETRY, Topics.RDP_HEALTH);
    }

    @Override
    public void register(Handlers.Builder handlers) {
        handlers
                .on(RdpServerCreated.class, RdpReadModel::created)
                .on(RdpServerStartRequested.class, (e, m, rows) ->
                        lifecycle(rows, e.getServerId(), e.getRequestedAt(), s -> s.state = "STARTING"))
                .on(RdpServerRunning.class, (e, m, rows) -> lifecycle(rows, e.getServerId(), e.getReportedAt(), s -> {
                    s.state = "RUNNING";
                    s.statusDetail = e.getDetail();
                    s.runningSince = e.getReportedAt();
                }))
                .on(RdpServerFailed.class, (e, m, rows) -> lifecycle(rows, e.getServerId(), e.getReportedAt(), s -> {
                    s.state = "FAILED";
                    s.statusDetail = e.getDetail();
                }))
                .on(RdpServerStopRequested.class, (e, m, rows) ->
                        lifecycle(rows, e.getServerId(), e.getRequestedAt(), s -> s.state = "STOPPING"))
                .on(RdpServerStopped.class, (e, m, rows) -> lifecycle(rows, e.getServerId(), e.getStoppedAt(), s -> {
                    s.state = "STOPPED";
                    s.statusDetail = e.getDetail();
                }))
                // The row stays, like a deleted session's: the id is never reused and the history stays readable.
                .on(RdpServerDeleted.class, (e, m, rows) ->
                        lifecycle(rows, e.getServerId(), e.getDeletedAt(), s -> s.state = "DELETED"))
                .on(ClientConnected.class, RdpReadModel::connected)
                .on(ClientDisconnected.class, (e, m, rows) -> lifecycle(rows, e.getServerId(), e.getDisconnectedAt(),
                        s -> s.connections.removeIf(c -> c.connectionId().equals(e.getConnectionId()))))
                .on(RdpHealthReported.class, RdpReadModel::health)
                .on(RdpServerUnresponsive.class, (e, m, rows) -> liveness(rows, e.getServerId(),
                        new RdpServerView.Liveness(true, e.getDetectedAt(), e.getLastReportAt(), e.getSilenceSeconds())))
                .on(RdpServerResponsive.class, (e, m, rows) -> liveness(rows, e.getServerId(),
                        new RdpServerView.Liveness(false, e.getReportAt(), e.getReportAt(), null)));
    }

    @Override
    public List<ViewDefinition> views() {
        return List.of(ViewDefinition.of(VIEW)
                .existsWhen("state")
                .entity("rdp-servers")
                .listing(Listing.of("rdp-servers", Sort.descending("created_at", FieldType.TEXT),
                        "RDP servers, newest first",
                        Filter.oneOf("state", STATES),
                        Filter.text("node_id"),
                        Filter.text("owner"),
                        Filter.text("session_id"),
                        Filter.flag("unresponsive")))
                .access(Access.ownNode("node_id"))
                .channel(ChannelSpec.all("rdp-servers", "rdp-servers"))
                .channel(ChannelSpec.entity("rdp-server:")));
    }

    /** Fills in what the server was created with; health and liveness that came first are kept. */
    static void created(RdpServerCreated event, EventMetadata metadata, Rows rows) {
        lifecycle(rows, event.getServerId(), event.getCreatedAt(), s -> {
            s.name = event.getName();
            s.owner = event.getOwner();
            s.nodeId = event.getNodeId();
            s.sessionId = event.getSessionId();
            s.state = "CREATED";
            s.port = event.getPort();
            s.config = new RdpServerView.Config(event.getConfig().getDesktop().name(),
                    event.getConfig().getResolution(), event.getConfig().getColorDepth());
            s.resources = new RdpServerView.Resources(event.getResources().getCpuMillicores(),
                    event.getResources().getMemoryMb(), event.getResources().getDiskMb(),
                    event.getResources().getNetworkMbps());
            s.createdAt = event.getCreatedAt();
        });
    }

    /** A connection already listed (the same event again under another id) is not listed twice. */
    static void connected(ClientConnected event, EventMetadata metadata, Rows rows) {
        lifecycle(rows, event.getServerId(), event.getConnectedAt(), s -> {
            if (s.connections.stream().noneMatch(c -> c.connectionId().equals(event.getConnectionId()))) {
                s.connections.add(new RdpServerView.Connection(event.getConnectionId(), event.getClientName(),
                        event.getClientIp(), event.getConnectedAt()));
            }
        });
    }

    /** Telemetry has no sequence: the report with the newest {@code reported_at} wins, an older one changes nothing. */
    static void health(RdpHealthReported event, EventMetadata metadata, Rows rows) {
        RdpServerView.Builder server = load(rows, event.getServerId());
        if (server.lastHealth != null && event.getReportedAt().isBefore(server.lastHealth.reportedAt())) {
            return;
        }
        server.lastHealth = new RdpServerView.Health(event.getAlive(), event.getCpuPercent(), event.getMemoryMb(),
                event.getNetworkKbps(), event.getActiveConnections(), event.getReportedAt());
        rows.put(VIEW, event.getServerId(), server.build());
    }

    /** Verdicts of one server arrive in order on their topic: the newest replaces the one before. */
    static void liveness(Rows rows, String serverId, RdpServerView.Liveness verdict) {
        RdpServerView.Builder server = load(rows, serverId);
        server.liveness = verdict;
        rows.put(VIEW, serverId, server.build());
    }

    private static void lifecycle(Rows rows, String serverId, Instant at, Consumer<RdpServerView.Builder> change) {
        RdpServerView.Builder server = load(rows, serverId);
        change.accept(server);
        server.updatedAt = at;
        rows.put(VIEW, serverId, server.build());
    }

    private static RdpServerView.Builder load(Rows rows, String serverId) {
        return rows.get(VIEW, serverId, RdpServerView.class)
                .map(RdpServerView::toBuilder)
                .orElseGet(() -> new RdpServerView.Builder(serverId));
    }
}
