package io.lucid.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.events.node.NodeRegistered;
import io.lucid.events.view.ViewChanged;
import io.lucid.schemas.events.EventTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void carriesEveryRecordTypeOnExactlyOneTopic() {
        for (Class<? extends SpecificRecord> type : EventTypes.all()) {
            List<String> carriers = Topics.all().stream().filter(topic -> topic.carries(type)).map(Topic::name).toList();
            assertThat(carriers).as(type.getName()).hasSize(1);
        }
    }

    @Test
    void keepsInternalTopicsOutOfThePublicNamespace() {
        assertThat(Topics.all()).allSatisfy(topic -> assertThat(topic.name()).startsWith(Topics.PUBLIC_PREFIX));
        assertThat(Topics.INTERNAL).extracting(Topics.InternalTopic::name)
                .contains(Topics.RELAY_OFFSETS, "_schemas")
                .allSatisfy(name -> assertThat(name).doesNotStartWith(Topics.PUBLIC_PREFIX));
    }

    @Test
    void namesEveryTopicOnceUnderTheLucidPrefix() {
        List<String> names = Topics.all().stream().map(Topic::name).toList();
        assertThat(Set.copyOf(names)).hasSameSizeAs(names);
        assertThat(names).allMatch(name -> name.startsWith("lucid."));
    }

    @Test
    void keepsDomainEventsForeverOnSixPartitions() {
        assertThat(Topics.domainTopics()).extracting(Topic::name).containsExactly(
                "lucid.pairing.events", "lucid.session.events", "lucid.rdp.events", "lucid.node.events",
                "lucid.poot.events", "lucid.payout.events");
        for (Topic<String, SpecificRecord> topic : Topics.domainTopics()) {
            assertThat(topic.partitions()).isEqualTo(6);
            assertThat(topic.retention()).isEqualTo(Retention.forever());
        }
    }

    @Test
    void keepsTelemetrySevenDaysCompactsScoresAndHealthAndExpiresViewChanges() {
        assertThat(Topics.NODE_TELEMETRY.retention()).isEqualTo(Retention.timed(Duration.ofDays(7)));
        assertThat(Topics.RDP_TELEMETRY.retention()).isEqualTo(Retention.timed(Duration.ofDays(7)));
        assertThat(Topics.POOT_SCORES.retention()).isEqualTo(Retention.compacted());
        assertThat(Topics.NODE_HEALTH.retention()).isEqualTo(Retention.compacted());
        assertThat(Topics.RDP_HEALTH.retention()).isEqualTo(Retention.compacted());
        assertThat(Topics.VIEW_CHANGES.retention()).isEqualTo(Retention.timed(Duration.ofDays(1)));
        assertThat(Topics.POOT_TALLIES.retention()).isEqualTo(Retention.forever());
        assertThat(Topics.PAYOUT_CALCULATIONS.retention()).isEqualTo(Retention.forever());
    }

    @Test
    void mapsEveryAggregateTypeToItsDomainTopic() {
        Map<String, String> expected = Map.of("Pairing", "lucid.pairing.events", "Device", "lucid.pairing.events",
                "Session", "lucid.session.events", "RdpServer", "lucid.rdp.events", "Node", "lucid.node.events",
                "TaskProof", "lucid.poot.events", "Payout", "lucid.payout.events");
        Map<String, String> actual = expected.keySet().stream()
                .collect(Collectors.toMap(type -> type, type -> Topics.forAggregateType(type).name()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void rejectsAnUnknownAggregateType() {
        assertThatThrownBy(() -> Topics.forAggregateType("Wallet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Wallet");
    }

    @Test
    void findsTheTopicOfARecordTypeAndByName() {
        assertThat(Topics.carrying(NodeRegistered.class)).contains(Topics.NODE_EVENTS);
        assertThat(Topics.named("lucid.poot.scores")).contains(Topics.POOT_SCORES);
        assertThat(Topics.named("lucid.nope")).isEmpty();
    }

    @Test
    void refusesARecordTypeThatIsNotTheTopicsValueType() {
        assertThatThrownBy(() -> new Topic<>("lucid.x", 1, Retention.forever(),
                Serdes.String(), ViewChanged.class,
                "id", "x", List.of(NodeRegistered.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
