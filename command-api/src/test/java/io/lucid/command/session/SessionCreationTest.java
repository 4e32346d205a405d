package io.lucid.command.session;

import static io.lucid.command.session.SessionFixtures.NOW;
import static io.lucid.command.session.SessionFixtures.OPERATOR;
import static io.lucid.command.session.SessionFixtures.minimal;
import static io.lucid.command.session.SessionFixtures.operator;
import static io.lucid.command.testing.Rejected.invalid;
import static io.lucid.command.testing.Rejected.invalidField;
import static io.lucid.command.testing.Rejected.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.session.Compression;
import io.lucid.events.session.RecordingQuality;
import io.lucid.events.session.RecordingSettings;
import io.lucid.events.session.SessionCreated;
import io.lucid.events.session.SessionMetadata;
import io.lucid.events.session.SessionPriority;
import io.lucid.events.session.StorageSettings;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CreateSession (DOMAIN.md section 2): every field's bounds and defaults, owner = actor. */
class SessionCreationTest extends SessionFixtureTest {

    private static final String ID = SessionFixtures.ID;

    private static CreateSessionRequest withRecording(Integer frameRate, String resolution, String quality, String compression) {
        return new CreateSessionRequest("demo", null, null,
                new CreateSessionRequest.Recording(frameRate, resolution, quality, compression), null, null);
    }

    private static CreateSessionRequest withStorage(Integer retentionDays, Integer maxSizeGb) {
        return new CreateSessionRequest("demo", null, null, null, new CreateSessionRequest.Storage(retentionDays, maxSizeGb), null);
    }

    private static CreateSessionRequest withMetadata(List<String> tags, String description, String priority) {
        return new CreateSessionRequest("demo", null, null, null, null, new CreateSessionRequest.Metadata(tags, description, priority));
    }

    private void accepted(CreateSessionRequest request) {
        fixture.givenNoPriorActivity().when(new CreateSessionCommand(ID, request), operator()).expectSuccessfulHandlerExecution();
    }

    private void rejected(CreateSessionRequest request, org.hamcrest.Matcher<?> matcher) {
        fixture.givenNoPriorActivity().when(new CreateSessionCommand(ID, request), operator())
                .expectNoEvents().expectException(matcher);
    }

    @Test
    void createsSessionWithDefaultsOwnedByTheCaller() {
        fixture.givenNoPriorActivity()
                .when(new CreateSessionCommand(ID, minimal("demo")), operator())
                .expectEvents(SessionCreated.newBuilder()
                        .setSessionId(ID).setName("demo").setOwner(OPERATOR).setNodeId(null).setRdpServerId(null)
                        .setRecording(RecordingSettings.newBuilder().setFrameRate(30).setResolution("1920x1080")
                                .setQuality(RecordingQuality.high).setCompression(Compression.zstd).build())
                        .setStorage(StorageSettings.newBuilder().setRetentionDays(30).setMaxSizeGb(10).build())
                        .setMetadata(SessionMetadata.newBuilder().setTags(List.of()).setDescription(null)
                                .setPriority(SessionPriority.normal).build())
                        .setCreatedAt(NOW)
                        .build())
                .expectState(session -> assertThat(session.status()).isEqualTo(SessionStatus.CREATED));
    }

    @Test
    void createsSessionWithEveryFieldGiven() {
        CreateSessionRequest request = new CreateSessionRequest("full", "node_alpha_01", "4F2B1C3D-5E6F-4A7B-8C9D-0E1F2A3B4C5D",
                new CreateSessionRequest.Recording(60, "2560x1440", "ultra", "lz4"),
                new CreateSessionRequest.Storage(90, 500),
                new CreateSessionRequest.Metadata(List.of("audit", "prod"), "quarterly audit", "critical"));
        fixture.givenNoPriorActivity()
                .when(new CreateSessionCommand(ID, request), SessionFixtures.device("device-7"))
                .expectEvents(SessionCreated.newBuilder()
                        .setSessionId(ID).setName("full").setOwner("device-7").setNodeId("node_alpha_01")
                        .setRdpServerId("4f2b1c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
                        .setRecording(RecordingSettings.newBuilder().setFrameRate(60).setResolution("2560x1440")
                                .setQuality(RecordingQuality.ultra).setCompression(Compression.lz4).build())
                        .setStorage(StorageSettings.newBuilder().setRetentionDays(90).setMaxSizeGb(500).build())
                        .setMetadata(SessionMetadata.newBuilder().setTags(List.of("audit", "prod")).setDescription("quarterly audit")
                                .setPriority(SessionPriority.critical).build())
                        .setCreatedAt(NOW)
                        .build());
    }

    @Test
    void acceptsEveryFieldAtItsBounds() {
        accepted(minimal("n"));
        accepted(minimal("n".repeat(255)));
        accepted(withRecording(1, "320x240", "low", "none"));
        accepted(withRecording(120, "7680x4320", "medium", "gzip"));
        accepted(withStorage(1, 1));
        accepted(withStorage(365, 1000));
        accepted(withMetadata(Collections.nCopies(10, "t".repeat(50)), "d".repeat(500), "low"));
    }

    @Test
    void rejectsMissingOrBlankName() {
        rejected(minimal(null), invalidField("name", "required"));
        rejected(minimal("  "), invalidField("name", "required"));
    }

    @Test
    void rejectsNameLongerThan255Characters() {
        rejected(minimal("n".repeat(256)), invalidField("name", "invalid_length"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 121, Integer.MAX_VALUE})
    void rejectsFrameRateOutside1To120(int frameRate) {
        rejected(withRecording(frameRate, null, null, null), invalidField("recording.frame_rate", "out_of_range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"319x240", "320x239", "7681x4320", "7680x4321", "99999x99999"})
    void rejectsResolutionOutside320x240To7680x4320(String resolution) {
        rejected(withRecording(null, resolution, null, null), invalidField("recording.resolution", "out_of_range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1920*1080", "1920x", "x1080", "01920x1080", "1920X1080", " 1920x1080", "1920x1080p", "-1920x1080"})
    void rejectsResolutionNotWrittenWidthXHeight(String resolution) {
        rejected(withRecording(null, resolution, null, null), invalidField("recording.resolution", "invalid_format"));
    }

    @Test
    void rejectsUnknownQualityCompressionAndPriority() {
        rejected(withRecording(null, null, "unknown", "brotli"), invalid("recording.quality", "recording.compression"));
        rejected(withRecording(null, null, "HIGH", null), invalidField("recording.quality", "unknown_value"));
        rejected(withMetadata(null, null, "urgent"), invalidField("metadata.priority", "unknown_value"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 366})
    void rejectsRetentionDaysOutside1To365(int days) {
        rejected(withStorage(days, null), invalidField("storage.retention_days", "out_of_range"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1001, -5})
    void rejectsMaxSizeGbOutside1To1000(int gb) {
        rejected(withStorage(null, gb), invalidField("storage.max_size_gb", "out_of_range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "tab\there", "line\nbreak", "\ud800", "x\udc00"})
    void rejectsNamesWithControlCharactersOrBrokenUnicode(String name) {
        rejected(minimal(name), invalidField("name", "invalid_characters"));
    }

    @Test
    void acceptsAnyReadableUnicodeAndLineBreaksInTheDescription() {
        accepted(minimal("Réunion 📹 録画"));
        accepted(withMetadata(List.of("ünï", "📎"), "first line\nsecond line\ttabbed", null));
        rejected(withMetadata(null, "nul\u0000", null), invalidField("metadata.description", "invalid_characters"));
    }

    @Test
    void rejectsMoreThanTenTags() {
        rejected(withMetadata(Collections.nCopies(11, "tag"), null, null), invalidField("metadata.tags", "too_many"));
    }

    @Test
    void rejectsTagLongerThanFiftyCharactersOrBlank() {
        rejected(withMetadata(List.of("ok", "t".repeat(51)), null, null), invalidField("metadata.tags[1]", "invalid_length"));
        rejected(withMetadata(List.of(""), null, null), invalidField("metadata.tags[0]", "required"));
    }

    @Test
    void rejectsDescriptionLongerThan500Characters() {
        rejected(withMetadata(null, "d".repeat(501), null), invalidField("metadata.description", "invalid_length"));
    }

    @Test
    void rejectsNodeIdAndRdpServerIdThatCannotNameAnything() {
        rejected(new CreateSessionRequest("demo", "alpha", "not-a-uuid", null, null, null),
                invalid("node_id", "rdp_server_id"));
        rejected(new CreateSessionRequest("demo", "node_" + "x".repeat(60), null, null, null, null), invalid("node_id"));
    }

    @Test
    void namesEveryBrokenFieldAtOnce() {
        CreateSessionRequest request = new CreateSessionRequest(null, "bad", "bad",
                new CreateSessionRequest.Recording(0, "1x1", "x", "x"), new CreateSessionRequest.Storage(0, 0),
                new CreateSessionRequest.Metadata(Collections.nCopies(11, "t"), "d".repeat(501), "x"));
        rejected(request, invalid("name", "node_id", "rdp_server_id", "recording.frame_rate", "recording.resolution",
                "recording.quality", "recording.compression", "storage.retention_days", "storage.max_size_gb",
                "metadata.tags", "metadata.description", "metadata.priority"));
    }

    @Test
    void deviceCreatesASessionItOwns() {
        fixture.givenNoPriorActivity().when(new CreateSessionCommand(ID, minimal("mine")), SessionFixtures.device("device-9"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.hasProperty("owner", org.hamcrest.Matchers.equalTo("device-9")),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NODE", "AUDITOR"})
    void nodesAndAuditorsMayNotCreateSessions(String role) {
        Map<String, Object> caller = SessionFixtures.role(role);
        fixture.givenNoPriorActivity().when(new CreateSessionCommand(ID, minimal("x")), caller)
                .expectNoEvents().expectException(with(403, "forbidden"));
    }
}
