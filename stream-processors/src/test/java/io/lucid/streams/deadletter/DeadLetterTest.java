package io.lucid.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.deadletter.DeadLetter;
import io.lucid.events.node.NodeActivated;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.schemas.deadletter.DeadLetterRecords;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.Catalogue;
import io.lucid.streams.poot.PootRun;
import io.lucid.streams.poot.Proofs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static String header(TestRecord<String, SpecificRecord> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsAnUndeserializableRecordToTheDeadLetterTopicAndKeepsGoing() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            byte[] garbage = "not in the wire format".getBytes(StandardCharsets.UTF_8);
            run.harness.rawInput(Topics.POOT_EVENTS).pipeInput("node_alpha:0:relay_bandwidth".getBytes(), garbage);
            run.submit(Proofs.validation("node_alpha", 0, 1));

            List<TestRecord<String, SpecificRecord>> letters = run.harness.records(Topics.DEAD_LETTERS);
            assertThat(letters).hasSize(1);
            DeadLetter letter = (DeadLetter) letters.get(0).value();
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.POOT_EVENTS.name());
            assertThat(letter.getValue().array()).isEqualTo(garbage);
            assertThat(letter.getErrorType()).contains("SerializationException");
            assertThat(header(letters.get(0), DeadLetterRecords.REASON)).contains("wire format");
            assertThat(letters.get(0).key()).isEqualTo(Topics.POOT_EVENTS.name() + ":0:0");
            // the next record is processed as usual, and the skipped one is counted
            assertThat(run.scores()).hasSize(1);
            assertThat(run.harness.metric("dropped-records-total")).isEqualTo(1.0);
        }
    }

    @Test
    void rejectsAProofThatBreaksTheContractWithItsOriginalBytes() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            // 11 s of uptime in a 10 s slot, and a proof id that does not match its fields
            TaskProofSubmitted bad = TaskProofSubmitted.newBuilder(Proofs.beacon("node_alpha", 3, 11))
                    .setProofId("node_alpha:4:uptime_beacon").build();
            run.submit(bad);
            run.submit(Proofs.beacon("node_alpha", 3, 10));

            List<TestRecord<String, SpecificRecord>> letters = run.harness.records(Topics.DEAD_LETTERS);
            assertThat(letters).hasSize(1);
            DeadLetter letter = (DeadLetter) letters.get(0).value();
            assertThat(letter.getErrorType()).isEqualTo("invalid-proof");
            assertThat(letter.getErrorMessage()).contains("uptime_seconds must lie within [0, 10]")
                    .contains("is not node_alpha:3:uptime_beacon");
            assertThat(header(letters.get(0), DeadLetterRecords.ERROR_TYPE)).isEqualTo("invalid-proof");
            assertThat(header(letters.get(0), DeadLetterRecords.CONSUMER)).endsWith("/poot-intake");
            SpecificRecord original = Catalogue.records(run.harness.registry()).deserializer()
                    .deserialize(Topics.POOT_EVENTS.name(), letter.getValue().array());
            assertThat(original).isEqualTo(bad);
            assertThat(run.scores()).hasSize(1);
        }
    }

    @Test
    void rejectsARecordTypeTheTopicDoesNotCarry() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            run.harness.input(Topics.POOT_EVENTS).pipeInput("node_alpha", new NodeActivated("node_alpha",
                    Instant.parse("2024-01-01T00:00:00Z")));
            DeadLetter letter = (DeadLetter) run.harness.records(Topics.DEAD_LETTERS).get(0).value();
            assertThat(letter.getErrorType()).isEqualTo("unexpected-record");
        }
    }
}
