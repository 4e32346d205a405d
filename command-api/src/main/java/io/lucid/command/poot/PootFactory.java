package io.lucid.command.poot;

import io.lucid.command.node.NodeDirectory;
import io.lucid.schemas.poot.PootTimeBase;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The PoOT time base from configuration, and the proof rules that read the node directory one node at a time. */
@Factory
final class PootFactory {

    @Singleton
    PootTimeBase timeBase(PootSettings settings) {
        return settings.timeBase();
    }

    @Singleton
    ProofAdmission admission(NodeDirectory directory, PootTimeBase timeBase, Clock clock, ProofSignatures signatures) {
        return new ProofAdmission(directory::find, timeBase, clock, signatures);
    }
}
