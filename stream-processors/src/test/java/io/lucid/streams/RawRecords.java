package io.lucid.streams;

import io.lucid.schemas.topic.Topic;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;

/** Output records as comparable text: key, value and headers in hex, and the timestamp. */
final class RawRecords {

    private static final HexFormat HEX = HexFormat.of();

    private RawRecords() {
    }

    static List<String> read(Harness harness, Topic<String, ?> topic) {
        List<String> lines = new ArrayList<>();
        for (TestRecord<byte[], byte[]> record : harness.rawOutput(topic).readRecordsToList()) {
            StringBuilder line = new StringBuilder(topic.name()).append(' ')
                    .append(record.key() == null ? "-" : HEX.formatHex(record.key())).append(' ')
                    .append(record.value() == null ? "-" : HEX.formatHex(record.value())).append(' ')
                    .append(record.timestamp());
            for (Header header : record.headers()) {
                line.append(' ').append(header.key()).append('=').append(HEX.formatHex(header.value()));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
