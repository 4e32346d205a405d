package io.lucid.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.schemas.topic.Topics;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompatibilityPolicyTest {

    @Test
    void namesOneSubjectPerTopicAndRecordType() {
        List<String> subjects = CompatibilityPolicy.subjects(List.of(Topics.VIEW_CHANGES, Topics.DEAD_LETTERS));
        assertThat(subjects).containsExactly("lucid.view.changes-io.lucid.events.view.ViewChanged",
                "lucid.deadletter-io.lucid.events.deadletter.DeadLetter");
        assertThat(CompatibilityPolicy.subjects(Topics.all())).hasSizeGreaterThan(Topics.all().size()).doesNotHaveDuplicates();
    }

    @Test
    void setsTheRequiredLevelOnEverySubjectThatDiffers() {
        SchemaRegistryClient registry = SchemaRegistryClient.inMemory(UUID.randomUUID().toString());
        String subject = CompatibilityPolicy.subjects(List.of(Topics.NODE_EVENTS)).get(0);
        registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);

        CompatibilityPolicy.enforce(registry, "mock://test", List.of(Topics.NODE_EVENTS, Topics.VIEW_CHANGES));

        for (String each : CompatibilityPolicy.subjects(List.of(Topics.NODE_EVENTS, Topics.VIEW_CHANGES))) {
            assertThat(registry.compatibility(each)).as(each).contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
        }
    }

    @Test
    void refusesWithTheSubjectAndTheRegistrysAnswerWhenItCannotSetTheLevel() {
        // A registry that reads but denies configuration writes, as a managed registry does for a reader's key.
        SchemaRegistryClient readable = SchemaRegistryClient.inMemory(UUID.randomUUID().toString());
        SchemaRegistryClient forbidding = (SchemaRegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SchemaRegistryClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setCompatibility")) {
                        throw new SchemaRegistryException(403, 40301, "User is denied operation Write on Subject");
                    }
                    return method.invoke(readable, args);
                });
        assertThatThrownBy(() -> CompatibilityPolicy.enforce(forbidding, "https://registry.example", List.of(Topics.VIEW_CHANGES)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("https://registry.example")
                .hasMessageContaining("BACKWARD_TRANSITIVE")
                .hasMessageContaining("lucid.view.changes-io.lucid.events.view.ViewChanged")
                .hasMessageContaining("denied");
    }
}
