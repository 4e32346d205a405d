package io.lucid.command.session;

import io.lucid.command.validation.FieldViolations;
import io.lucid.command.validation.Resolution;
import io.lucid.command.validation.Uuids;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The field rules of CreateSession (DOMAIN.md section 2), checked all at once. Absent optional settings are not
 * errors: {@link Session} fills in the defaults. The accepted enum values are listed here and not taken from the
 * Avro enums, whose {@code unknown} symbol is a reader's fallback and never a valid input.
 */
final class SessionCreationRules {

    static final List<String> QUALITIES = List.of("low", "medium", "high", "ultra");
    static final List<String> COMPRESSIONS = List.of("none", "zstd", "lz4", "gzip");
    static final List<String> PRIORITIES = List.of("low", "normal", "high", "critical");
    static final int MAX_TAGS = 10;

    /** The node id pattern of DOMAIN.md section 4: a session names a node the way nodes are registered. */
    private static final Pattern NODE_ID = Pattern.compile("^node_[a-zA-Z0-9_-]{3,59}$");

    private SessionCreationRules() {
    }

    static void check(CreateSessionRequest request) {
        FieldViolations violations = new FieldViolations();
        if (violations.required("name", request.name()) && violations.length("name", request.name(), 1, 255)) {
            violations.readable("name", request.name(), false);
        }
        if (request.nodeId() != null && !NODE_ID.matcher(request.nodeId()).matches()) {
            violations.add("node_id", "invalid_format", "node_id must be a node id: ^node_[a-zA-Z0-9_-]+$, 8-64 characters");
        }
        if (request.rdpServerId() != null && Uuids.canonical(request.rdpServerId()) == null) {
            violations.add("rdp_server_id", "invalid_format", "rdp_server_id must be an RDP server id (a UUID)");
        }
        checkRecording(request.recording(), violations);
        checkStorage(request.storage(), violations);
        checkMetadata(request.metadata(), violations);
        violations.throwIfAny();
    }

    private static void checkRecording(CreateSessionRequest.Recording recording, FieldViolations violations) {
        if (recording == null) {
            return;
        }
        violations.range("recording.frame_rate", recording.frameRate(), 1, 120);
        Resolution.check("recording.resolution", recording.resolution(), violations);
        violations.oneOf("recording.quality", recording.quality(), QUALITIES);
        violations.oneOf("recording.compression", recording.compression(), COMPRESSIONS);
    }

    private static void checkStorage(CreateSessionRequest.Storage storage, FieldViolations violations) {
        if (storage == null) {
            return;
        }
        violations.range("storage.retention_days", storage.retentionDays(), 1, 365);
        violations.range("storage.max_size_gb", storage.maxSizeGb(), 1, 1000);
    }

    private static void checkMetadata(CreateSessionRequest.Metadata metadata, FieldViolations violations) {
        if (metadata == null) {
            return;
        }
        List<String> tags = metadata.tags();
        if (tags != null) {
            if (tags.size() > MAX_TAGS) {
                violations.add("metadata.tags", "too_many", "metadata.tags may hold at most " + MAX_TAGS + " tags");
            }
            for (int i = 0; i < tags.size(); i++) {
                String field = "metadata.tags[" + i + "]";
                if (violations.required(field, tags.get(i)) && violations.length(field, tags.get(i), 1, 50)) {
                    violations.readable(field, tags.get(i), false);
                }
            }
        }
        if (violations.length("metadata.description", metadata.description(), 0, 500)) {
            violations.readable("metadata.description", metadata.description(), true);
        }
        violations.oneOf("metadata.priority", metadata.priority(), PRIORITIES);
    }
}
