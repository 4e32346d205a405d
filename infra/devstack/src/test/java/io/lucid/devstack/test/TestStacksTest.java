package io.lucid.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Which test stack one setting selects, and how the container stack reports a machine without Docker. */
class TestStacksTest {

    @Test
    void theEmbeddedStackIsTheDefault() {
        assertThat(TestStacks.kind(null, null)).isEqualTo("embedded");
        assertThat(TestStacks.kind(" ", "")).isEqualTo("embedded");
        assertThat(TestStacks.kind("embedded", null)).isEqualTo("embedded");
    }

    @Test
    void containersAreSelectedByThePropertyOrTheVariable() {
        assertThat(TestStacks.kind("containers", null)).isEqualTo("containers");
        assertThat(TestStacks.kind(null, "containers")).isEqualTo("containers");
        assertThat(TestStacks.kind(null, " Containers ")).isEqualTo("containers");
    }

    @Test
    void thePropertyWinsOverTheVariable() {
        assertThat(TestStacks.kind("embedded", "containers")).isEqualTo("embedded");
        assertThat(TestStacks.kind("containers", "embedded")).isEqualTo("containers");
    }

    @Test
    void anUnknownStackIsAnErrorNotTheEmbeddedOne() {
        assertThatThrownBy(() -> TestStacks.kind("testcontainers", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lucid.test.stack=testcontainers is not a known test stack (known: embedded, containers)");
    }

    @Test
    void aMissingDockerEngineIsReportedWithWhatTestcontainersSaid() {
        Optional<String> absence = ContainerTestStack.dockerAbsence(() -> {
            throw new IllegalStateException("Could not find a valid Docker environment. Please see logs and check"
                    + " configuration\nsecond line");
        });
        assertThat(absence).contains("no Docker engine: Could not find a valid Docker environment. Please see logs"
                + " and check configuration");
        assertThat(ContainerTestStack.dockerAbsence(() -> "a client")).isEmpty();
    }

    @Test
    void withoutAnEngineTheStackAbortsTheTestWithTheReason() {
        ContainerTestStack.Started none = new ContainerTestStack.Started(null, "no Docker engine: nothing listens");
        assertThatThrownBy(none::orAbort).isInstanceOf(TestAbortedException.class)
                .hasMessage("no Docker engine: nothing listens");
    }
}
