package io.secureconnect.chat.mls;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.common.web.ApiException;

/**
 * Which device sits at each occupied leaf of one group, changed as RFC 9420 changes the tree: a Remove blanks its
 * leaf (§12.1.3), an Add takes the leftmost blank leaf, extending the tree at the right when there is none
 * (§12.1.1, §7.7). Truncating the tree after a remove leaves only blank leaves out, so "leftmost blank" is always
 * the lowest index without a device. A commit's removes are applied before its adds, adds in their order (§12.3).
 * A move the group cannot make is a {@code MEMBERSHIP_MISMATCH}.
 */
final class TreeLeaves {

    private final TreeMap<Integer, Leaf> occupied = new TreeMap<>();

    TreeLeaves(List<Leaf> leaves) {
        leaves.forEach(leaf -> occupied.put(leaf.leafIndex(), leaf));
    }

    Optional<Leaf> at(long leafIndex) {
        return leafIndex < 0 || leafIndex > Integer.MAX_VALUE ? Optional.empty()
                : Optional.ofNullable(occupied.get((int) leafIndex));
    }

    boolean holds(UserDevice device) {
        return occupied.values().stream().anyMatch(leaf -> leaf.device().equals(device));
    }

    List<Leaf> all() {
        return List.copyOf(occupied.values());
    }

    /** Blanks an occupied leaf and returns who sat there. */
    Leaf remove(int leafIndex) {
        Leaf removed = occupied.remove(leafIndex);
        if (removed == null) {
            throw mismatch("A Remove names leaf " + leafIndex + ", which is blank.");
        }
        return removed;
    }

    /** Seats a device that is not in the group at the leftmost blank leaf. */
    Leaf add(UserDevice device, byte[] signatureKey) {
        if (holds(device)) {
            throw mismatch("Device " + device.deviceId() + " of " + device.userId() + " is already in the group.");
        }
        int index = 0;
        while (occupied.containsKey(index)) {
            index++;
        }
        Leaf leaf = new Leaf(index, device.userId(), device.deviceId(), signatureKey);
        occupied.put(index, leaf);
        return leaf;
    }

    static ApiException mismatch(String detail) {
        return new ApiException(ChatErrorCode.MEMBERSHIP_MISMATCH, detail);
    }
}
