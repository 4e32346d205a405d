package io.lucid.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RestTransportTest {

    @Test
    void encodesSubjectsAsPathSegments() {
        assertThat(RestTransport.segment("lucid.node.events-io.lucid.events.node.NodeRegistered"))
                .isEqualTo("lucid.node.events-io.lucid.events.node.NodeRegistered");
        assertThat(RestTransport.segment("a b/c+d")).isEqualTo("a%20b%2Fc%2Bd");
    }

    @Test
    void rejectsAnEmptyUrlList() {
        assertThatThrownBy(() -> RestTransport.of(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mockUrlsShareOneInMemoryRegistryPerScope() {
        SchemaRegistryClient first = SchemaRegistryClient.connect("mock://shared-scope");
        SchemaRegistryClient second = SchemaRegistryClient.connect("mock://shared-scope");

        assertThat(first).isSameAs(second);
        assertThat(SchemaRegistryClient.connect("mock://other-scope")).isNotSameAs(first);
    }
}
