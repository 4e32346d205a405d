package io.lucid.command.session;

import static io.lucid.command.session.SessionFixtures.LEAVES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Merkle root of DOMAIN.md section 2 on worked examples computed independently with coreutils:
 * <pre>
 * h(){ printf "$1" | sha256sum | cut -c1-64; }            # a leaf: SHA-256 of the chunk's ciphertext
 * p(){ echo -n "$1$2" | xxd -r -p | sha256sum | cut -c1-64; } # a parent: SHA-256 over the raw 32+32 bytes
 * </pre>
 * with the leaves {@code h chunk-1} .. {@code h chunk-5}.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String root(int leaves) {
        return HEX.formatHex(MerkleTree.root(LEAVES.subList(0, leaves).stream().map(HEX::parseHex).toList()));
    }

    @Test
    void oneLeafIsItsOwnRoot() {
        assertThat(root(1)).isEqualTo(LEAVES.get(0));
    }

    @Test
    void twoLeavesHashTheirConcatenation() {
        // p $l1 $l2
        assertThat(root(2)).isEqualTo("a8ca9ff050908c25c93253fe1dc6a18ce3a4514efc649def999ddc1febc26f7e");
    }

    @Test
    void merkleRootOfThreeLeavesPairsTheLastWithItself() {
        // p $(p $l1 $l2) $(p $l3 $l3)
        assertThat(root(3)).isEqualTo("1c5ad57fcefa32ff015e885e53a7030eb0054028a1d6b7d708bd7e18637d6f37");
    }

    @Test
    void fourLeavesMakeABalancedTree() {
        // p $(p $l1 $l2) $(p $l3 $l4)
        assertThat(root(4)).isEqualTo("5d788ea1c0a7c675cedd3b132e955e2bf608d1f9840325582aea298711e1d651");
    }

    @Test
    void fiveLeavesPairTheOddNodeWithItselfOnEveryLevel() {
        // p $(p $(p $l1 $l2) $(p $l3 $l4)) $(p $(p $l5 $l5) $(p $l5 $l5))
        assertThat(root(5)).isEqualTo("6b56bcb707a21bb854391384afb4f8d24515989212feeb44af73f78b36d4f334");
    }

    @Test
    void leafOrderMatters() {
        String swapped = HEX.formatHex(MerkleTree.root(List.of(HEX.parseHex(LEAVES.get(1)), HEX.parseHex(LEAVES.get(0)))));
        assertThat(swapped).isNotEqualTo(root(2));
    }

    @Test
    void anEmptyTreeHasNoRoot() {
        assertThatThrownBy(() -> MerkleTree.root(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLedgerBuildsTheSameRootAcrossItsGrowth() {
        ChunkLedger ledger = new ChunkLedger();
        for (int i = 0; i < 40; i++) {
            ledger.append(LEAVES.get(i % 5), 10);
        }
        assertThat(ledger.count()).isEqualTo(40);
        assertThat(ledger.totalSize()).isEqualTo(400);
        assertThat(ledger.hashAt(17)).isEqualTo(LEAVES.get(1));
        ChunkLedger three = new ChunkLedger();
        LEAVES.subList(0, 3).forEach(leaf -> three.append(leaf, 1));
        assertThat(three.merkleRoot()).isEqualTo(root(3));
    }
}
