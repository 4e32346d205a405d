package io.lucid.command.rdp;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** What clients learn when an RDP server command is stored (JSON, snake_case). */
public final class RdpServerResponses {

    private RdpServerResponses() {
    }

    /** The server's state after the command; {@code port} only on creation. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(String serverId, String status, Integer port, String correlationId) {
    }

    /** A client connected. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Connected(String serverId, String connectionId, String correlationId) {
    }
}
