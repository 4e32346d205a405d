package io.lucid.command.rdp;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The host agent reports {@code running}, {@code failed} or {@code stopped}. */
public record ReportRdpServerStatusCommand(@TargetAggregateIdentifier String serverId, StatusReportRequest report) {
}
