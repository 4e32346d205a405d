package io.lucid.command.session;

import static io.lucid.command.session.SessionFixtures.ID;
import static io.lucid.command.session.SessionFixtures.LEAVES;
import static io.lucid.command.session.SessionFixtures.MIB;
import static io.lucid.command.session.SessionFixtures.NOW;
import static io.lucid.command.session.SessionFixtures.chunk;
import static io.lucid.command.session.SessionFixtures.chunkRequest;
import static io.lucid.command.session.SessionFixtures.created;
import static io.lucid.command.session.SessionFixtures.history;
import static io.lucid.command.session.SessionFixtures.operator;
import static io.lucid.command.session.SessionFixtures.started;
import static io.lucid.command.testing.Rejected.invalid;
import static io.lucid.command.testing.Rejected.invalidField;
import static io.lucid.command.testing.Rejected.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.session.ChunkRecorded;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RecordChunk (DOMAIN.md section 2): contiguous sequence numbers, idempotent repeats, sizes, only while RECORDING. */
class SessionChunkTest extends SessionFixtureTest {

    private static RecordChunkCommand chunkCommand(long sequence, String hash, long size) {
        return new RecordChunkCommand(ID, chunkRequest(sequence, hash, size));
    }

    @Test
    void recordsTheFirstChunkWithSequenceNumberOne() {
        fixture.given(created(), started())
                .when(chunkCommand(1, LEAVES.get(0), 1024), operator())
                .expectEvents(new ChunkRecorded(ID, 1L, 1024L, LEAVES.get(0), 1000L, 30, 1024L, NOW))
                .expectResultMessagePayload(new ChunkReceipt(1, 1024, false));
    }

    @Test
    void recordsContiguousChunksAndCountsTheTotalSize() {
        fixture.given(created(), started(), chunk(1), chunk(2))
                .when(chunkCommand(3, LEAVES.get(2), 5000), operator())
                .expectEvents(new ChunkRecorded(ID, 3L, 5000L, LEAVES.get(2), 1000L, 30, 2048L + 5000L, NOW))
                .expectState(session -> assertThat(session.chunkCount()).isEqualTo(3));
    }

    @Test
    void rejectsChunkWithGap() {
        fixture.given(created(), started(), chunk(1), chunk(2))
                .when(chunkCommand(4, LEAVES.get(3), 1024), operator())
                .expectNoEvents().expectException(with(409, "chunk_sequence_gap", "expected sequence number 3"));
    }

    @Test
    void rejectsAFirstChunkThatIsNotNumberOne() {
        fixture.given(created(), started())
                .when(chunkCommand(2, LEAVES.get(1), 1024), operator())
                .expectNoEvents().expectException(with(409, "chunk_sequence_gap", "expected sequence number 1"));
    }

    @Test
    void acceptsARepeatedChunkWithTheSameHashWithoutANewEvent() {
        fixture.given(created(), started(), chunk(1), chunk(2))
                .when(chunkCommand(1, LEAVES.get(0), 1024), operator())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ChunkReceipt(1, 2048, true));
    }

    @Test
    void comparesHashesIgnoringHexCase() {
        fixture.given(created(), started(), chunk(1))
                .when(chunkCommand(1, LEAVES.get(0).toUpperCase(Locale.ROOT), 1024), operator())
                .expectNoEvents().expectResultMessagePayload(new ChunkReceipt(1, 1024, true));
    }

    @Test
    void storesTheHashInLowerCase() {
        fixture.given(created(), started())
                .when(chunkCommand(1, LEAVES.get(0).toUpperCase(Locale.ROOT), 1024), operator())
                .expectEvents(new ChunkRecorded(ID, 1L, 1024L, LEAVES.get(0), 1000L, 30, 1024L, NOW));
    }

    @Test
    void rejectsARepeatedChunkWithAnotherHash() {
        fixture.given(created(), started(), chunk(1), chunk(2))
                .when(chunkCommand(2, LEAVES.get(4), 1024), operator())
                .expectNoEvents().expectException(with(409, "chunk_conflict", "chunk 2"));
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = "RECORDING", mode = EnumSource.Mode.EXCLUDE)
    void rejectsChunkUnlessRecording(SessionStatus status) {
        fixture.given(history(status)).when(chunkCommand(1, LEAVES.get(0), 1024), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @Test
    void rejectsChunkThatWouldExceedMaxSizeGb() {
        // max_size_gb 1 is 10^9 bytes (decimal gigabytes); 10 bytes are left, the chunk brings 16 MiB.
        long before = Session.BYTES_PER_GB - 10;
        fixture.given(created(SessionFixtures.OPERATOR, null, 1), started(),
                        new ChunkRecorded(ID, 1L, before, LEAVES.get(0), 1L, 1, before, NOW))
                .when(chunkCommand(2, LEAVES.get(1), 16 * MIB), operator())
                .expectNoEvents().expectException(with(422, "max_size_exceeded"));
    }

    @Test
    void acceptsChunkThatReachesMaxSizeGbExactly() {
        long before = Session.BYTES_PER_GB - 1000;
        fixture.given(created(SessionFixtures.OPERATOR, null, 1), started(),
                        new ChunkRecorded(ID, 1L, before, LEAVES.get(0), 1L, 1, before, NOW))
                .when(chunkCommand(2, LEAVES.get(1), 1000), operator())
                .expectEvents(new ChunkRecorded(ID, 2L, 1000L, LEAVES.get(1), 1000L, 30, Session.BYTES_PER_GB, NOW));
        setUpFixture();
        fixture.given(created(SessionFixtures.OPERATOR, null, 1), started(),
                        new ChunkRecorded(ID, 1L, before, LEAVES.get(0), 1L, 1, before, NOW))
                .when(chunkCommand(2, LEAVES.get(1), 1001), operator())
                .expectNoEvents().expectException(with(422, "max_size_exceeded"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 16 * 1024 * 1024 + 1})
    void rejectsChunkSizeOutsideOneByteTo16MiB(long size) {
        fixture.given(created(), started()).when(chunkCommand(1, LEAVES.get(0), size), operator())
                .expectNoEvents().expectException(invalidField("size_bytes", "out_of_range"));
    }

    @Test
    void acceptsChunkOfOneByteAndOf16MiB() {
        fixture.given(created(), started()).when(chunkCommand(1, LEAVES.get(0), 1), operator()).expectSuccessfulHandlerExecution();
        setUpFixture();
        fixture.given(created(), started()).when(chunkCommand(1, LEAVES.get(0), 16 * MIB), operator()).expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "zz25aea2d2dea736fbe38e41ecb518f6098cb68ac77362c5e34faafb356567c5",
        "2725aea2d2dea736fbe38e41ecb518f6098cb68ac77362c5e34faafb356567c", // 63
        "2725aea2d2dea736fbe38e41ecb518f6098cb68ac77362c5e34faafb356567c5a"}) // 65
    void rejectsCiphertextHashThatIsNotSixtyFourHexCharacters(String hash) {
        fixture.given(created(), started()).when(chunkCommand(1, hash, 1024), operator())
                .expectNoEvents().expectException(invalidField("ciphertext_sha256", "invalid_format"));
    }

    @Test
    void rejectsSequenceNumberBelowOneAndNegativeDurationOrFrames() {
        fixture.given(created(), started())
                .when(new RecordChunkCommand(ID, new RecordChunkRequest(0L, 1L, LEAVES.get(0), -1L, -1)), operator())
                .expectNoEvents().expectException(invalid("sequence_number", "duration_ms", "frame_count"));
    }

    @Test
    void namesEveryMissingChunkField() {
        fixture.given(created(), started())
                .when(new RecordChunkCommand(ID, new RecordChunkRequest(null, null, null, null, null)), operator())
                .expectNoEvents()
                .expectException(invalid("sequence_number", "size_bytes", "ciphertext_sha256", "duration_ms", "frame_count"));
    }
}
