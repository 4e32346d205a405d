package io.lucid.devstack.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class RetriedTransactionalSendsTest {

    private static final String FORMAT =
            "Got error produce response with correlation id {} on topic-partition {}, retrying ({} attempts left). Error: {}";

    private final LoggerContext context = new LoggerContext();
    private final RetriedTransactionalSends filter = new RetriedTransactionalSends();

    @Test
    void theTwoRetriedTransactionErrorsAreDropped() {
        assertThat(decide(Level.WARN, RetriedTransactionalSends.SENDER, FORMAT, "CONCURRENT_TRANSACTIONS"))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide(Level.WARN, RetriedTransactionalSends.SENDER, FORMAT,
                "OUT_OF_ORDER_SEQUENCE_NUMBER. Error Message: The broker received an out of order sequence number."))
                .isEqualTo(FilterReply.DENY);
    }

    /** What Kafka's LogContext hands logback: the line already formatted, no arguments. */
    @Test
    void theLinesKafkaFormatsItselfAreDroppedToo() {
        String line = "[Producer clientId=lucid-poot-1-StreamThread-1-producer, transactionalId=lucid-poot-1] Got error"
                + " produce response with correlation id 37 on topic-partition lucid-poot-ledger-inputs-repartition-0,"
                + " retrying (2147483646 attempts left). Error: ";
        assertThat(filter.decide(null, context.getLogger(RetriedTransactionalSends.SENDER), Level.WARN,
                line + "CONCURRENT_TRANSACTIONS", null, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, context.getLogger(RetriedTransactionalSends.SENDER), Level.WARN,
                line + "OUT_OF_ORDER_SEQUENCE_NUMBER", new Object[0], null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, context.getLogger(RetriedTransactionalSends.SENDER), Level.WARN,
                line + "NOT_LEADER_OR_FOLLOWER", null, null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void otherErrorsOtherLoggersAndOtherLevelsStillShow() {
        assertThat(decide(Level.WARN, RetriedTransactionalSends.SENDER, FORMAT, "NOT_LEADER_OR_FOLLOWER"))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(Level.WARN, RetriedTransactionalSends.SENDER, "Sending failed, not retrying: {}",
                "CONCURRENT_TRANSACTIONS")).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(Level.ERROR, RetriedTransactionalSends.SENDER, FORMAT, "CONCURRENT_TRANSACTIONS"))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(Level.WARN, "org.apache.kafka.clients.NetworkClient", FORMAT, "CONCURRENT_TRANSACTIONS"))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(Level level, String logger, String format, String error) {
        return filter.decide(null, context.getLogger(logger), level, format,
                new Object[] {7, "lucid-pools-pool-inputs-repartition-0", 2147483646, error}, null);
    }
}
