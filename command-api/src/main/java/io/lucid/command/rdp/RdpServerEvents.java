package io.lucid.command.rdp;

import io.lucid.command.validation.Resolution;
import io.lucid.command.validation.Uuids;
import io.lucid.events.rdp.DesktopEnvironment;
import io.lucid.events.rdp.RdpServerConfig;
import io.lucid.events.rdp.RdpServerCreated;
import io.lucid.events.rdp.RdpServerResources;
import java.time.Instant;

/** Builds RdpServerCreated from a validated request, filling in the config defaults of DOMAIN.md section 3. */
final class RdpServerEvents {

    static final String DEFAULT_DESKTOP = "xfce";
    static final int DEFAULT_COLOR_DEPTH = 24;

    private RdpServerEvents() {
    }

    static RdpServerCreated created(CreateRdpServerCommand command, String owner, int port, Instant now) {
        CreateRdpServerRequest request = command.request();
        CreateRdpServerRequest.Config config = request.config() == null
                ? new CreateRdpServerRequest.Config(null, null, null) : request.config();
        CreateRdpServerRequest.Resources resources = request.resources();
        return RdpServerCreated.newBuilder()
                .setServerId(command.serverId())
                .setName(request.name())
                .setOwner(owner)
                .setSessionId(request.sessionId() == null ? null : Uuids.canonical(request.sessionId()))
                .setNodeId(request.nodeId())
                .setPort(port)
                .setConfig(RdpServerConfig.newBuilder()
                        .setDesktop(DesktopEnvironment.valueOf(config.desktop() == null ? DEFAULT_DESKTOP : config.desktop()))
                        .setResolution(config.resolution() == null ? Resolution.DEFAULT : config.resolution())
                        .setColorDepth(config.colorDepth() == null ? DEFAULT_COLOR_DEPTH : config.colorDepth())
                        .build())
                .setResources(RdpServerResources.newBuilder()
                        // Exact: at most two decimals were accepted, so thousandths are an integer.
                        .setCpuMillicores(resources.cpu().movePointRight(3).intValueExact())
                        .setMemoryMb(resources.memoryMb())
                        .setDiskMb(resources.diskMb())
                        .setNetworkMbps(resources.networkMbps())
                        .build())
                .setCreatedAt(now)
                .build();
    }
}
