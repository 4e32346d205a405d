package io.lucid.schemas.poot;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The PoOT time base of DOMAIN.md section 5 (genesis, slot length, slots per epoch) and its pure arithmetic, shared
 * by the command side (which checks a proof's slot against the current one) and the stream processors (which
 * group proofs by epoch): both must number slots and epochs the same way, so the numbering lives here once.
 * Nothing here reads a clock.
 *
 * <p>Environment: {@value #GENESIS_VARIABLE} (ISO-8601 instant), {@value #SLOT_SECONDS_VARIABLE},
 * {@value #SLOTS_PER_EPOCH_VARIABLE} ({@value #EPOCH_SLOTS_ALIAS} is read as an alias).
 *
 * @param genesis       start of slot 0 and epoch 0, a whole second
 * @param slotLength    a positive whole number of seconds (uptime is counted in seconds)
 * @param slotsPerEpoch slots in one epoch
 */
public record PootTimeBase(Instant genesis, Duration slotLength, int slotsPerEpoch) {

    public static final Instant DEFAULT_GENESIS = Instant.parse("2024-01-01T00:00:00Z");
    public static final Duration DEFAULT_SLOT_LENGTH = Duration.ofSeconds(120);
    public static final int DEFAULT_SLOTS_PER_EPOCH = 720;

    public static final String GENESIS_VARIABLE = "LUCID_POOT_GENESIS";
    public static final String SLOT_SECONDS_VARIABLE = "LUCID_POOT_SLOT_SECONDS";
    public static final String SLOTS_PER_EPOCH_VARIABLE = "LUCID_POOT_SLOTS_PER_EPOCH";
    public static final String EPOCH_SLOTS_ALIAS = "LUCID_POOT_EPOCH_SLOTS";

    public PootTimeBase {
        Objects.requireNonNull(genesis, "genesis");
        Objects.requireNonNull(slotLength, "slotLength");
        if (slotLength.isNegative() || slotLength.isZero() || slotLength.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("slot length must be a positive whole number of seconds: " + slotLength);
        }
        if (slotsPerEpoch < 1) {
            throw new IllegalArgumentException("slots per epoch must be positive: " + slotsPerEpoch);
        }
        if (genesis.getNano() != 0) {
            throw new IllegalArgumentException("genesis must be a whole second: " + genesis);
        }
    }

    /** 2024-01-01T00:00:00Z, 120 s slots, 720-slot (24 h) epochs. */
    public static PootTimeBase defaults() {
        return new PootTimeBase(DEFAULT_GENESIS, DEFAULT_SLOT_LENGTH, DEFAULT_SLOTS_PER_EPOCH);
    }

    /** The defaults, overridden by whichever of the variables are set (blank counts as unset). */
    public static PootTimeBase fromEnvironment(Map<String, String> env) {
        Optional<String> genesis = variable(env, GENESIS_VARIABLE);
        Optional<String> slotSeconds = variable(env, SLOT_SECONDS_VARIABLE);
        Optional<String> slots = variable(env, SLOTS_PER_EPOCH_VARIABLE).or(() -> variable(env, EPOCH_SLOTS_ALIAS));
        return new PootTimeBase(
                genesis.map(Instant::parse).orElse(DEFAULT_GENESIS),
                slotSeconds.map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(DEFAULT_SLOT_LENGTH),
                slots.map(Integer::parseInt).orElse(DEFAULT_SLOTS_PER_EPOCH));
    }

    public long slotSeconds() {
        return slotLength.toSeconds();
    }

    /** The slot containing this instant; negative before genesis. */
    public long slotAt(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli() - genesis.toEpochMilli(), slotLength.toMillis());
    }

    /** The epoch a slot belongs to; negative for slots before genesis. */
    public long epochOfSlot(long slot) {
        return Math.floorDiv(slot, (long) slotsPerEpoch);
    }

    /** When the slot begins. */
    public Instant slotStart(long slot) {
        return genesis.plus(slotLength.multipliedBy(slot));
    }

    private static Optional<String> variable(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
