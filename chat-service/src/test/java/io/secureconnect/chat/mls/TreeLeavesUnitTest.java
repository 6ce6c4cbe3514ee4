package io.secureconnect.chat.mls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.secureconnect.common.web.ApiException;

import org.junit.jupiter.api.Test;

/** The Delivery Service seats devices where RFC 9420 puts their leaves (§12.1.1, §12.1.3, §7.7). */
class TreeLeavesUnitTest {

    private static final UUID ANN = UUID.fromString("0190f3a0-0000-7000-8000-00000000000a");
    private static final UUID BOB = UUID.fromString("0190f3a0-0000-7000-8000-00000000000b");
    private static final byte[] KEY = new byte[32];

    @Test
    void removesBlankLeavesThenAddsFillTheLeftmostBlankLeavesInOrderAndThenExtendTheTree() {
        TreeLeaves leaves = new TreeLeaves(fourLeaves());

        leaves.remove(1);
        leaves.remove(2);
        Leaf first = leaves.add(device(BOB, "tablet"), KEY);
        Leaf second = leaves.add(device(BOB, "phone"), KEY);
        Leaf third = leaves.add(device(BOB, "watch"), KEY);

        assertThat(List.of(first.leafIndex(), second.leafIndex(), third.leafIndex())).containsExactly(1, 2, 4);
        assertThat(leaves.all()).extracting(Leaf::deviceId).containsExactly("d0", "tablet", "phone", "d3", "watch");
    }

    @Test
    void theFirstDeviceOfANewGroupSitsAtLeafZero() {
        assertThat(new TreeLeaves(List.of()).add(device(ANN, "laptop"), KEY).leafIndex()).isZero();
    }

    @Test
    void aTreeTruncatedAfterRemovesIsExtendedFromItsNewRightEdge() {
        TreeLeaves leaves = new TreeLeaves(fourLeaves());

        leaves.remove(3);
        leaves.remove(2);

        assertThat(leaves.add(device(BOB, "phone"), KEY).leafIndex()).isEqualTo(2);
    }

    @Test
    void aRemoveOfABlankLeafOrAnAddOfADeviceInTheGroupIsAMembershipMismatch() {
        TreeLeaves leaves = new TreeLeaves(fourLeaves());
        leaves.remove(2);

        assertThatThrownBy(() -> leaves.remove(2)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code().name()).isEqualTo("MEMBERSHIP_MISMATCH"));
        assertThatThrownBy(() -> leaves.remove(9)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> leaves.add(device(ANN, "d1"), KEY)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code().name()).isEqualTo("MEMBERSHIP_MISMATCH"));
        assertThat(leaves.at(-1)).isEmpty();
        assertThat(leaves.at(1L << 33)).isEmpty();
    }

    private static List<Leaf> fourLeaves() {
        return IntStream.range(0, 4).mapToObj(i -> new Leaf(i, ANN, "d" + i, KEY)).toList();
    }

    private static UserDevice device(UUID user, String deviceId) {
        return new UserDevice(user, deviceId);
    }
}
