package io.lucid.command.poot;

import io.lucid.command.node.NodeDirectory;
import io.lucid.command.node.NodeRegistrationRules;
import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends task proofs to the event store many at a time (docs/adr/0041). Requests (a single proof, or a batch of up
 * to 1,000) queue here; each writer thread takes whatever is queued, up to {@code maxPerTransaction} proofs, and
 * runs them as one Axon {@link BatchingUnitOfWork} in one transaction: the node directory and the already stored
 * proof ids are read once for all of them, each proof goes through {@link TaskProof#handle} with its own command
 * message (so its events carry its own request's actor and correlation id), and all new events are inserted in one
 * JDBC batch at commit. A refused proof changes nothing and does not roll back the others; it gets its own outcome.
 * When a concurrent writer stored one of the same proof ids first, the unique key fails the whole commit and the
 * transaction is run again, now seeing that proof as existing.
 */
@Singleton
final class ProofWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ProofWriter.class);
    private static final int ATTEMPTS = 3;

    /** A proof to write and the request it came with. */
    record Item(SubmitTaskProofCommand command, CommandProvenance provenance) {
    }

    /** What became of one proof: stored (or found stored, identical), or refused by a rule. */
    sealed interface Outcome {
        record Stored(ProofReceipt receipt) implements Outcome {
        }

        record Refused(CommandRejectedException reason) implements Outcome {
        }
    }

    /** One request's proofs and the future its handler waits on. */
    private record Unit(List<Item> items, CompletableFuture<List<Outcome>> done) {
    }

    private final BlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final List<Thread> writers = new ArrayList<>();
    private final ProofAdmission admission;
    private final NodeDirectory directory;
    private final StoredProofs stored;
    private final Configuration axon;
    private final PootSettings settings;
    private volatile boolean running = true;

    ProofWriter(ProofAdmission admission, NodeDirectory directory, StoredProofs stored, Configuration axon,
            PootSettings settings) {
        this.admission = admission;
        this.directory = directory;
        this.stored = stored;
        this.axon = axon;
        this.settings = settings;
        for (int i = 0; i < settings.writers(); i++) {
            Thread writer = new Thread(this::run, "proof-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /**
     * Queues the proofs of one request; the future completes with one outcome per proof, in order, once their
     * transaction committed. It fails with a 503 rejection when too many proofs are waiting already.
     */
    CompletableFuture<List<Outcome>> submit(List<Item> items) {
        CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
        if (queued.addAndGet(items.size()) > settings.queueCapacity()) {
            queued.addAndGet(-items.size());
            done.completeExceptionally(new CommandRejectedException(503, "overloaded",
                    "too many task proofs are waiting to be stored; nothing was stored, retry shortly"));
            return done;
        }
        queue.add(new Unit(List.copyOf(items), done));
        return done;
    }

    private void run() {
        while (running) {
            List<Unit> units = new ArrayList<>();
            try {
                units.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            int count = units.get(0).items().size();
            Unit next;
            while (count < settings.maxPerTransaction() && (next = queue.poll()) != null) {
                units.add(next);
                count += next.items().size();
            }
            queued.addAndGet(-count);
            write(units);
        }
    }

    private void write(List<Unit> units) {
        List<Item> items = units.stream().flatMap(u -> u.items().stream()).toList();
        Throwable failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                List<Outcome> outcomes = transaction(items);
                int from = 0;
                for (Unit unit : units) {
                    unit.done().complete(outcomes.subList(from, from + unit.items().size()));
                    from += unit.items().size();
                }
                return;
            } catch (ConcurrencyException | AggregateStreamCreationException | DeadlockException e) {
                failure = e; // another writer stored one of these proof ids first: run again, it now exists
            } catch (RuntimeException | Error e) {
                failure = e;
                break;
            }
        }
        LOG.warn("{} task proofs could not be stored", items.size(), failure);
        for (Unit unit : units) {
            unit.done().completeExceptionally(failure);
        }
    }

    /** One transaction over all items; every item gets an outcome, or the whole transaction fails. */
    private List<Outcome> transaction(List<Item> items) {
        Map<Message<?>, Item> byMessage = new IdentityHashMap<>();
        List<CommandMessage<?>> messages = new ArrayList<>(items.size());
        for (Item item : items) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(item.command())
                    .andMetaData(item.provenance().metaData());
            byMessage.put(message, item);
            messages.add(message);
        }
        BatchingUnitOfWork<CommandMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        // What the command bus does for every command: events inherit each message's actor and correlation id.
        axon.correlationDataProviders().forEach(unitOfWork::registerCorrelationDataProvider);
        unitOfWork.start();
        Batch batch;
        try {
            unitOfWork.attachTransaction(axon.getComponent(TransactionManager.class));
            batch = readAhead(items);
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        var result = unitOfWork.executeWithResult(
                () -> batch.write(byMessage.get(unitOfWork.getMessage()).command()),
                error -> !(error instanceof CommandRejectedException));
        if (unitOfWork.isRolledBack()) {
            Throwable cause = result.exceptionResult();
            throw cause instanceof RuntimeException e ? e : new IllegalStateException(cause);
        }
        Map<Message<?>, ExecutionResult> results = unitOfWork.getExecutionResults();
        List<Outcome> outcomes = new ArrayList<>(items.size());
        for (CommandMessage<?> message : messages) {
            ExecutionResult executed = results.get(message);
            outcomes.add(executed.isExceptionResult()
                    ? new Outcome.Refused((CommandRejectedException) executed.getExceptionResult())
                    : new Outcome.Stored((ProofReceipt) executed.getResult().getPayload()));
        }
        return outcomes;
    }

    /** Reads, in the transaction, what every proof of the batch needs: its node and whether its id is taken. */
    private Batch readAhead(List<Item> items) {
        Set<String> nodeIds = new HashSet<>();
        Set<String> proofIds = new HashSet<>();
        for (Item item : items) {
            // Only well-formed ids are looked up (a NUL character would fail the query); the rest fail the field rules.
            SubmitTaskProofCommand proof = item.command();
            if (NodeRegistrationRules.isNodeId(proof.nodeId())) {
                nodeIds.add(proof.nodeId());
                if (proof.slot() != null && ProofKind.named(proof.type()).isPresent()) {
                    proofIds.add(proof.proofId());
                }
            }
        }
        return new Batch(admission.withNodes(directory.findAll(nodeIds)), stored.existing(proofIds),
                axon.repository(TaskProof.class));
    }

    /** The proofs of one transaction: those already stored are loaded, new ones created without a read. */
    private static final class Batch {
        private final ProofAdmission admission;
        private final Set<String> known;
        private final Repository<TaskProof> repository;

        Batch(ProofAdmission admission, Set<String> existing, Repository<TaskProof> repository) {
            this.admission = admission;
            this.known = new HashSet<>(existing);
            this.repository = repository;
        }

        ProofReceipt write(SubmitTaskProofCommand command) throws Exception {
            String proofId = command.proofId();
            if (known.contains(proofId)) {
                return repository.load(proofId).invoke(proof -> proof.handle(command, admission));
            }
            AtomicReference<ProofReceipt> receipt = new AtomicReference<>();
            repository.newInstance(() -> {
                TaskProof proof = new TaskProof();
                receipt.set(proof.handle(command, admission));
                return proof;
            });
            known.add(proofId); // a second submission in this batch is a resubmission of this one
            return receipt.get();
        }
    }

    /** Lets the transactions under way finish; what is still queued is answered 503 (nothing of it was stored). */
    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
        Unit unit;
        while ((unit = queue.poll()) != null) {
            unit.done().completeExceptionally(new CommandRejectedException(503, "unavailable",
                    "the service is stopping; nothing was stored, retry"));
        }
    }
}
