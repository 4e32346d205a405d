package io.lucid.streams.reward;

/** Money is integer micro-USDT (6 decimal places), never floating point (DOMAIN.md conventions). */
public final class MicroUsdt {

    /** One USDT in micro-USDT. */
    public static final long PER_USDT = 1_000_000L;

    private MicroUsdt() {
    }

    public static long usdt(long wholeUsdt) {
        return Math.multiplyExact(wholeUsdt, PER_USDT);
    }
}
