package io.lucid.kit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Revocations are "loaded" only after a poll succeeded; a failing first poll keeps the service not loaded. */
class RevokedSubjectsTest {

    @Test
    void isLoadedOnlyOnceAPollSucceeded() {
        AtomicBoolean tableExists = new AtomicBoolean(false);
        RevokedSubjects subjects = new RevokedSubjects(new JdbcConnections() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> R run(Work<R> work) {
                if (!tableExists.get()) {
                    throw new IllegalStateException("ERROR: relation \"revoked_subject\" does not exist");
                }
                return (R) Instant.EPOCH;
            }
        });
        subjects.refresh();
        assertThat(subjects.isLoaded()).isFalse();
        tableExists.set(true);
        subjects.refresh();
        assertThat(subjects.isLoaded()).isTrue();
        tableExists.set(false);
        subjects.refresh();
        assertThat(subjects.isLoaded()).as("a later outage keeps the known list in force").isTrue();
    }
}
