package io.lucid.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class UnclaimedExceptionHandlerTest {

    @Test
    void anUnreachableDatabaseAnywhereInTheCausesIsUnavailable() {
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("append failed",
                new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(
                new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void aCleanUpFailureThrownInPlaceOfTheOutageStillSaysUnavailable() {
        IllegalStateException rollbackFailed = new IllegalStateException("Transaction is already completed");
        rollbackFailed.addSuppressed(new RuntimeException(new SQLException("An I/O error occurred", "08006")));
        assertThat(DatabaseUnavailable.causedBy(rollbackFailed)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        RuntimeException loop = new RuntimeException("self-suppressed");
        RuntimeException other = new RuntimeException("other", loop);
        loop.addSuppressed(other);
        assertThat(DatabaseUnavailable.causedBy(loop)).isFalse();
    }

    @Test
    void anUnknownCharsetIsRecognisedWhereverTheBodyReaderWrappedIt() {
        assertThat(UnknownCharset.causedBy(new UncheckedIOException("body",
                new java.io.IOException(new UnsupportedCharsetException("x-unknown"))))).isTrue();
        assertThat(UnknownCharset.causedBy(new IllegalCharsetNameException("bad name!"))).isTrue();
        assertThat(UnknownCharset.causedBy(new IllegalArgumentException("another argument"))).isFalse();
    }
}
