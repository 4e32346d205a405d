package io.lucid.command.rdp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * RDP server limits ({@code lucid.rdp.*}, each settable from the environment, see application.yml). The port
 * range itself (33890-33999) is the set of rows of {@code rdp_port} (V201).
 *
 * @param maxServers         servers not DELETED at once, system-wide
 * @param maxServersPerOwner servers not DELETED at once per owner (the actor that created them)
 * @param portCooldown       how long a released port rests before it is handed out again
 */
@ConfigurationProperties("lucid.rdp")
public record RdpSettings(
        @Bindable(defaultValue = "100") int maxServers,
        @Bindable(defaultValue = "5") int maxServersPerOwner,
        @Bindable(defaultValue = "60s") Duration portCooldown) {
}
