package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private final FrameCodec codec = Fixtures.CODEC;

    @Test
    void readsClientFramesIgnoringUnknownFields() {
        ClientFrame frame = codec.decode("{\"type\":\"subscribe\",\"channel\":\"node:node_abc123\",\"since\":4,\"x\":1}");

        assertThat(frame.kind()).isEqualTo(ClientFrame.Type.SUBSCRIBE);
        assertThat(frame.channel()).isEqualTo("node:node_abc123");
        assertThat(frame.since()).isEqualTo(4L);
    }

    @Test
    void anUpdateShowsTheTraceOfItsChange() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertThat(codec.encode(ServerFrame.State.update("node:n1", 7, "{\"a\":1}", traceparent)))
                .isEqualTo("{\"type\":\"update\",\"channel\":\"node:n1\",\"version\":7,\"traceparent\":\""
                        + traceparent + "\",\"data\":{\"a\":1}}");
        assertThat(codec.encode(ServerFrame.State.update("node:n1", 7, null))).doesNotContain("traceparent");
    }

    @Test
    void theFeedsTraceHeaderReachesAFrameOnlyWhenWellFormed() {
        var record = new org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>("lucid.view.changes", 0, 3,
                "node", new byte[0]);
        assertThat(ViewChangeListener.traceparent(record)).isNull();
        record.headers().add("ce_traceparent", "\"},{\"type\":\"forged".getBytes());
        assertThat(ViewChangeListener.traceparent(record)).isNull();
        record.headers().add("ce_traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes());
        assertThat(ViewChangeListener.traceparent(record))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Test
    void anUnknownTypeIsStillAFrame() {
        assertThat(codec.decode("{\"type\":\"dance\"}").kind()).isEqualTo(ClientFrame.Type.UNKNOWN);
    }

    @Test
    void rejectsTextThatIsNotAFrame() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(FrameCodec.BadFrameException.class);
        assertThatThrownBy(() -> codec.decode("[1,2]")).isInstanceOf(FrameCodec.BadFrameException.class);
        assertThatThrownBy(() -> codec.decode("{\"token\":\"t\"}")).isInstanceOf(FrameCodec.BadFrameException.class);
    }

    @Test
    void rejectsTrailingContentAndDuplicateKeys() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"ping\"}{\"type\":\"ping\"}"))
                .isInstanceOf(FrameCodec.BadFrameException.class).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"auth\",\"token\":\"a\",\"token\":\"b\"}"))
                .isInstanceOf(FrameCodec.BadFrameException.class).hasMessageContaining("token");
    }

    @Test
    void readsAPairFrame() {
        ClientFrame frame = codec.decode("{\"type\":\"pair\",\"pairing_id\":\"p\",\"temp_token\":\"t\","
                + "\"device_info\":{\"name\":\"Phone\",\"platform\":\"ios\"}}");

        assertThat(frame.kind()).isEqualTo(ClientFrame.Type.PAIR);
        assertThat(frame.deviceInfo()).isEqualTo(new ClientFrame.DeviceInfo("Phone", "ios"));
        assertThat(frame.toString()).doesNotContain("\"t\"", "temp");
    }

    @Test
    void marksAResetSnapshot() {
        assertThat(codec.encode(ServerFrame.State.snapshot("nodes", 7, "{\"items\":[]}", true)))
                .isEqualTo("{\"type\":\"snapshot\",\"channel\":\"nodes\",\"version\":7,\"reset\":true,"
                        + "\"data\":{\"items\":[]}}");
    }

    @Test
    void anAuthSuccessAfterPairingNeverLogsItsToken() {
        ServerFrame.AuthSuccess paired = ServerFrame.AuthSuccess.paired("dev", List.of("DEVICE"), "dev", "sekret",
                "2026-12-02T10:00:00Z");

        assertThat(codec.encode(paired)).contains("\"token\":\"sekret\"", "\"device_id\":\"dev\"");
        assertThat(paired.toString()).doesNotContain("sekret");
    }

    @Test
    void writesASnapshotOfAMissingNodeWithNullData() {
        assertThat(codec.encode(ServerFrame.State.snapshot("node:node_x1", 0, null, false)))
                .isEqualTo("{\"type\":\"snapshot\",\"channel\":\"node:node_x1\",\"version\":0,\"data\":null}");
    }

    @Test
    void splicesTheStoredRowIntoTheFrameVerbatim() {
        String json = codec.encode(ServerFrame.State.update("node:\"x", 3, Fixtures.node("node_abc123")));

        assertThat(json).isEqualTo("{\"type\":\"update\",\"channel\":\"node:\\\"x\",\"version\":3,\"data\":"
                + Fixtures.node("node_abc123") + "}");
    }

    @Test
    void writesErrorsWithoutAbsentFields() {
        assertThat(codec.encode(new ServerFrame.Error("bad_frame", "no", null)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"bad_frame\",\"message\":\"no\"}");
        assertThat(codec.encode(new ServerFrame.AuthSuccess("admin", List.of("ADMIN"))))
                .isEqualTo("{\"type\":\"auth_success\",\"subject\":\"admin\",\"roles\":[\"ADMIN\"]}");
        assertThat(codec.encode(new ServerFrame.Pong())).isEqualTo("{\"type\":\"pong\"}");
    }
}
