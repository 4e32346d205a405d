package io.lucid.streams.poot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The credit formulas of DOMAIN.md section 5, each with its worked numbers. */
class ProofValuesTest {

    @Test
    void creditsRelayByTheLargerOfSessionsAndStartedFiveMebibytes() {
        // ceil(5,242,880 / 5,242,880) = 1; max(1 session, 1) = 1
        assertThat(new ProofValues.RelayBandwidth(5_242_880, 1).credits().relay()).isEqualTo(1);
        // ceil(5,242,881 / 5,242,880) = 2: a started 5 MiB block counts
        assertThat(new ProofValues.RelayBandwidth(5_242_881, 1).credits().relay()).isEqualTo(2);
        // 0 bytes, 3 sessions: max(3, 0) = 3
        assertThat(new ProofValues.RelayBandwidth(0, 3).credits().relay()).isEqualTo(3);
        // 50 MiB = 52,428,800 bytes -> 10; max(4, 10) = 10
        assertThat(new ProofValues.RelayBandwidth(52_428_800, 4).credits().relay()).isEqualTo(10);
    }

    @Test
    void creditsStorageByTenPerGibibyteRoundedDownAndTwoPerChunk() {
        // 1 GiB, no chunks: floor(1,073,741,824 * 10 / 2^30) = 10
        assertThat(new ProofValues.StorageAvailability(0, 1_073_741_824L).credits().storage()).isEqualTo(10);
        // 1.5 GiB = 1,610,612,736 bytes and 3 chunks: floor(15) + 2 * 3 = 21
        assertThat(new ProofValues.StorageAvailability(3, 1_610_612_736L).credits().storage()).isEqualTo(21);
        // 107,374,182 bytes: 1,073,741,820 / 1,073,741,824 < 1 -> 0; 107,374,183 bytes -> 1
        assertThat(new ProofValues.StorageAvailability(0, 107_374_182L).credits().storage()).isZero();
        assertThat(new ProofValues.StorageAvailability(0, 107_374_183L).credits().storage()).isEqualTo(1);
        // 5 chunks and nothing held: 10
        assertThat(new ProofValues.StorageAvailability(5, 0).credits().storage()).isEqualTo(10);
    }

    @Test
    void computesStorageCreditsExactlyWhereSizeTimesTenOverflowsALong() {
        long size = Long.MAX_VALUE;
        long expected = BigInteger.valueOf(size).multiply(BigInteger.TEN).shiftRight(30).longValueExact();
        assertThat(new ProofValues.StorageAvailability(0, size).credits().storage()).isEqualTo(expected)
                .isEqualTo(85_899_345_919L);
    }

    @Test
    void creditsFivePerValidatedSession() {
        assertThat(new ProofValues.ValidationSignature(7).credits().validation()).isEqualTo(35);
    }

    @Test
    void givesBeaconsUptimeButNoCredits() {
        ProofCredits credits = new ProofValues.UptimeBeacon(120).credits();
        assertThat(credits.total()).isZero();
        assertThat(credits.uptimeSeconds()).isEqualTo(120);
    }

    @Test
    void rejectsValuesOutsideTheContract() {
        assertThat(new ProofValues.UptimeBeacon(121).violation(120)).isPresent();
        assertThat(new ProofValues.UptimeBeacon(120).violation(120)).isEmpty();
        assertThat(new ProofValues.RelayBandwidth(10, 0).violation(120)).isPresent();
        assertThat(new ProofValues.RelayBandwidth(-1, 1).violation(120)).isPresent();
        assertThat(new ProofValues.StorageAvailability(-1, 0).violation(120)).isPresent();
        assertThat(new ProofValues.ValidationSignature(-3).violation(120)).isPresent();
    }
}
