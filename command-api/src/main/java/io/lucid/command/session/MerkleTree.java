package io.lucid.command.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle root that seals a session (DOMAIN.md section 2): the leaves are the chunks' ciphertext SHA-256
 * digests in sequence order, taken as they are (not hashed again); a parent is SHA-256 over the concatenation
 * of its children's raw 32-byte digests (left then right); a level with an odd number of nodes pairs its last
 * node with itself; a single leaf is its own root.
 */
final class MerkleTree {

    private MerkleTree() {
    }

    static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<byte[]> level = leaves;
        while (level.size() > 1) {
            List<byte[]> parents = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                byte[] left = level.get(i);
                byte[] right = i + 1 < level.size() ? level.get(i + 1) : left;
                parents.add(Sha256.digest(left, right));
            }
            level = parents;
        }
        return level.get(0);
    }
}
