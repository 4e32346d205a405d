package io.lucid.command.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The chunks a session has recorded, as the Merkle root needs them: their 32-byte ciphertext digests in
 * sequence order (packed in one array, 32 bytes per chunk, so a long recording stays small in the aggregate
 * cache and in snapshots) and their total size. Sequence number n is at index n - 1.
 */
final class ChunkLedger {

    private static final int DIGEST = 32;
    private static final HexFormat HEX = HexFormat.of();

    @JsonProperty
    private byte[] digests = new byte[0];
    @JsonProperty
    private int count;
    @JsonProperty
    private long totalSize;

    int count() {
        return count;
    }

    long totalSize() {
        return totalSize;
    }

    /** The lower-case hex digest of chunk {@code sequenceNumber} (1-based, at most {@link #count()}). */
    String hashAt(long sequenceNumber) {
        int offset = (int) (sequenceNumber - 1) * DIGEST;
        return HEX.formatHex(digests, offset, offset + DIGEST);
    }

    void append(String sha256Hex, long sizeBytes) {
        if (digests.length < (count + 1) * DIGEST) {
            // Doubling keeps appends amortised O(1) for recordings of thousands of chunks.
            digests = Arrays.copyOf(digests, Math.max(16 * DIGEST, digests.length * 2));
        }
        System.arraycopy(HEX.parseHex(sha256Hex), 0, digests, count * DIGEST, DIGEST);
        count++;
        totalSize += sizeBytes;
    }

    /** The lower-case hex Merkle root over the recorded digests; at least one chunk must exist. */
    String merkleRoot() {
        List<byte[]> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leaves.add(Arrays.copyOfRange(digests, i * DIGEST, (i + 1) * DIGEST));
        }
        return HEX.formatHex(MerkleTree.root(leaves));
    }
}
