package io.lucid.command.poot;

import io.lucid.command.node.NodeDirectory;
import io.lucid.schemas.poot.PootTimeBase;
import io.micronaut.context.annotation.Context;
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
    ProofAdmission admission(NodeDirectory directory, PootTimeBase timeBase, PootSettings settings, Clock clock,
            ProofSignatures signatures) {
        return new ProofAdmission(directory::find, timeBase, settings.closeGrace(), clock, signatures);
    }

    /** Checked at start-up, not at the first proof: a bad setting must stop the service, not drop proofs. */
    @Context
    PootSettingsChecked settingsChecked(PootSettings settings) {
        settings.requireGraceCoversAcceptanceWindow();
        return new PootSettingsChecked();
    }

    /** The proof that the settings were checked (a bean so that the check runs when the context starts). */
    static final class PootSettingsChecked {
    }
}
