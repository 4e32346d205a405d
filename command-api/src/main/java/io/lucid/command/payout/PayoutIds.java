package io.lucid.command.payout;

import java.util.regex.Pattern;

/** Payout ids: {@code payout_{epoch}_{node_id}}, one payout per node and closed epoch. */
final class PayoutIds {

    private static final Pattern SHAPE = Pattern.compile("^payout_(0|[1-9][0-9]{0,18})_node_[a-zA-Z0-9_-]{3,59}$");

    private PayoutIds() {
    }

    static String of(long epoch, String nodeId) {
        return "payout_" + epoch + "_" + nodeId;
    }

    /** Whether {@code value} can name a payout at all; anything else is answered 404 without a look-up. */
    static boolean isPayoutId(String value) {
        return value != null && value.length() <= 100 && SHAPE.matcher(value).matches();
    }
}
