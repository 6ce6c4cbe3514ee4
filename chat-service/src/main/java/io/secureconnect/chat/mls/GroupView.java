package io.secureconnect.chat.mls;

import java.util.List;

/**
 * A group as the Delivery Service knows it, for a member reconciling before it encrypts: {@code members} are every
 * occupied leaf, {@code pendingDevices} the current devices of current members that hold no leaf (to add),
 * {@code staleLeaves} the leaves whose device is gone or whose user left (to remove; also among {@code members}).
 * Epoch 0 and no leaves: the group has not been created yet.
 */
public record GroupView(long epoch, List<Leaf> members, List<UserDevice> pendingDevices, List<Leaf> staleLeaves) {
}
