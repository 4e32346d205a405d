package io.lucid.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.kit.problem.DatabaseUnavailable;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class MicronautTransactionManagerTest {

    @Test
    void aCommitWhoseRollbackFoundTheConnectionClosedIsAnInterruptedCommitTheClientMayRetry() {
        // What Micronaut throws in place of the commit's failure when PostgreSQL went away during the commit.
        RuntimeException thrown = new IllegalStateException("Could not set JDBC Connection read-only",
                new SQLException("Connection is closed"));
        assertThat(DatabaseUnavailable.causedBy(thrown)).isFalse();
        assertThat(MicronautTransactionManager.lostDuringCommit(thrown)).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new MicronautTransactionManager.CommitInterruptedException(thrown)))
                .isTrue();
    }

    @Test
    void otherCommitFailuresStayWhatTheyAre() {
        assertThat(MicronautTransactionManager.lostDuringCommit(new IllegalStateException("Could not commit",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    }
}
