package io.secureconnect.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** Loss, duplicates and order of what one receiver got, against what the sender had acknowledged. */
class DeliveryLedgerUnitTest {

    private static BitSet acknowledged(int... seqs) {
        BitSet set = new BitSet();
        for (int seq : seqs) {
            set.set(seq);
        }
        return set;
    }

    @Test
    void everyAcknowledgedSeqOnceIsNoLoss() {
        DeliveryLedger ledger = new DeliveryLedger();
        for (long seq = 1; seq <= 5; seq++) {
            assertThat(ledger.record(seq)).isTrue();
        }
        assertThat(ledger.missing(acknowledged(1, 2, 3, 4, 5))).isZero();
        assertThat(ledger.hasAll(acknowledged(1, 2, 3, 4, 5))).isTrue();
        assertThat(ledger.duplicates()).isZero();
        assertThat(ledger.outOfOrder()).isZero();
        assertThat(ledger.contiguous()).isEqualTo(5);
    }

    @Test
    void countsWhatIsMissingDuplicatedOrLate() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(1);
        ledger.record(3);
        ledger.record(2);
        assertThat(ledger.record(3)).isFalse();
        ledger.record(5);

        BitSet acked = acknowledged(1, 2, 3, 4, 5);
        assertThat(ledger.missing(acked)).isEqualTo(1);
        assertThat(ledger.hasAll(acked)).isFalse();
        assertThat(ledger.duplicates()).isEqualTo(1);
        assertThat(ledger.outOfOrder()).isEqualTo(1); // 2 after 3
        assertThat(ledger.frames()).isEqualTo(5);
        assertThat(ledger.distinct()).isEqualTo(4);
        assertThat(ledger.contiguous()).isEqualTo(3);
    }

    @Test
    void seqsNeverAcknowledgedAreReportedApart() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(1);
        ledger.record(2);

        assertThat(ledger.unacknowledged(acknowledged(1))).isEqualTo(1);
        assertThat(ledger.missing(acknowledged(1))).isZero();
    }

    @Test
    void nothingReceivedMeansNothingContiguous() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(2);

        assertThat(ledger.contiguous()).isZero();
    }
}
