package io.lucid.command.session;

import io.lucid.command.validation.FieldViolations;
import java.util.regex.Pattern;

/** The field rules of RecordChunk, AnchorSession and FailSession (DOMAIN.md section 2), each checked all at once. */
final class SessionCommandRules {

    /** 16 MiB: the largest chunk a client may upload. */
    static final long MAX_CHUNK_BYTES = 16L * 1024 * 1024;

    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-fA-F]{64}$");
    private static final Pattern CHAIN = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    private SessionCommandRules() {
    }

    static void checkChunk(RecordChunkRequest chunk) {
        FieldViolations violations = new FieldViolations();
        if (violations.required("sequence_number", chunk.sequenceNumber())) {
            violations.range("sequence_number", chunk.sequenceNumber(), 1, Long.MAX_VALUE);
        }
        if (violations.required("size_bytes", chunk.sizeBytes())) {
            violations.range("size_bytes", chunk.sizeBytes(), 1, MAX_CHUNK_BYTES);
        }
        if (violations.required("ciphertext_sha256", chunk.ciphertextSha256()) && !SHA256_HEX.matcher(chunk.ciphertextSha256()).matches()) {
            violations.add("ciphertext_sha256", "invalid_format", "ciphertext_sha256 must be 64 hexadecimal characters");
        }
        if (violations.required("duration_ms", chunk.durationMs())) {
            violations.range("duration_ms", chunk.durationMs(), 0, Long.MAX_VALUE);
        }
        if (violations.required("frame_count", chunk.frameCount())) {
            violations.range("frame_count", chunk.frameCount(), 0, Integer.MAX_VALUE);
        }
        violations.throwIfAny();
    }

    static void checkAnchor(AnchorSessionRequest anchor) {
        FieldViolations violations = new FieldViolations();
        if (violations.required("chain", anchor.chain()) && !CHAIN.matcher(anchor.chain()).matches()) {
            violations.add("chain", "invalid_format", "chain must be 1-64 characters of letters, digits and . _ : -");
        }
        if (violations.required("anchor_txid", anchor.anchorTxid()) && violations.length("anchor_txid", anchor.anchorTxid(), 1, 128)) {
            violations.readable("anchor_txid", anchor.anchorTxid(), false);
        }
        violations.range("block_height", anchor.blockHeight(), 0, Long.MAX_VALUE);
        violations.throwIfAny();
    }

    static void checkFailure(FailSessionRequest failure) {
        FieldViolations violations = new FieldViolations();
        if (violations.required("reason", failure.reason()) && violations.length("reason", failure.reason(), 1, 500)) {
            violations.readable("reason", failure.reason(), true);
        }
        violations.throwIfAny();
    }
}
