package io.lucid.command.pairing;

import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.command.web.Commands;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records {@code PairingExpired} for open pairings past their expiry (the timeout of DOMAIN.md section 1). Reads
 * the due pairings from the deadline table and sends each an {@link ExpirePairingCommand}; the aggregate decides,
 * so a pairing completed meanwhile, a second instance sweeping at once or a re-run records nothing twice.
 */
@Singleton
@Requires(property = "lucid.pairing.sweep-enabled", notEquals = "false")
final class PairingExpirySweep {

    static final String ACTOR = "pairing-expiry";
    private static final Logger LOG = LoggerFactory.getLogger(PairingExpirySweep.class);
    private static final int BATCH = 200;

    private final PairingDeadlines deadlines;
    private final Commands commands;
    private final Clock clock;

    PairingExpirySweep(PairingDeadlines deadlines, Commands commands, Clock clock) {
        this.deadlines = deadlines;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${lucid.pairing.sweep-interval:5s}", initialDelay = "${lucid.pairing.sweep-interval:5s}")
    void sweep() {
        List<String> due;
        try {
            due = deadlines.due(clock.instant(), BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Pairing expiry sweep cannot read its work list: {}", e.getMessage());
            return;
        }
        Principal system = Principal.system(ACTOR);
        for (String pairingId : due) {
            try {
                commands.send(new ExpirePairingCommand(pairingId),
                        new CommandProvenance(system.subject(), UUID.randomUUID().toString(), null,
                                io.lucid.schemas.trace.TraceContext.newTrace()), system);
            } catch (RuntimeException e) {
                // A concurrent completion or another instance's sweep won the race; the next run looks again.
                LOG.debug("Pairing {} not expired this round: {}", pairingId, e.toString());
            }
        }
    }
}
