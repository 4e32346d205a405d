package io.lucid.command.pairing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the expiry sweep: record {@code PairingExpired} if the pairing is still open and past its expiry. */
public record ExpirePairingCommand(@TargetAggregateIdentifier String pairingId) {
}
