package io.lucid.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableHandlerTest {

    @Test
    void anUnreachableDatabaseAnywhereInTheCausesIsUnavailable() {
        assertThat(DatabaseUnavailableHandler.isDatabaseUnavailable(new IllegalStateException("append failed",
                new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms")))).isTrue();
        assertThat(DatabaseUnavailableHandler.isDatabaseUnavailable(new RuntimeException(
                new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(DatabaseUnavailableHandler.isDatabaseUnavailable(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseUnavailableHandler.isDatabaseUnavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailableHandler.isDatabaseUnavailable(new RuntimeException(
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    }
}
