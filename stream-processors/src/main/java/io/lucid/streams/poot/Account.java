package io.lucid.streams.poot;

import io.lucid.streams.state.StateSerde;

/**
 * A node's earnings not yet paid out (micro-USDT), and how many records were published for it on
 * {@code lucid.payout.calculations} (their {@code ce_sequence}).
 */
record Account(long balance, long published) {

    static final Account EMPTY = new Account(0, 0);

    static final StateSerde<Account> SERDE = new StateSerde<>(1,
            (w, a) -> w.writeLong(a.balance()).writeLong(a.published()),
            r -> new Account(r.readLong(), r.readLong()));
}
