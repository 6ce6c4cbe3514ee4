package io.secureconnect.chat.mls;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A group as the Delivery Service knows it, for a member reconciling before it encrypts: {@code members} are every
 * occupied leaf, {@code pendingDevices} the current devices of current members that hold no leaf (to add),
 * {@code staleLeaves} the leaves whose device is gone or whose user left (to remove; also among {@code members}).
 * Epoch 0 and no leaves: the group has not been created yet.
 */
@Schema(name = "MlsGroup")
public record GroupView(
        @Schema(example = "7", description = "The group's current epoch; 0 before its first commit") long epoch,
        @Schema(description = "Every occupied leaf") List<Leaf> members,
        @Schema(description = "Current devices of current members that hold no leaf: to add")
        List<UserDevice> pendingDevices,
        @Schema(description = "Leaves whose device is gone or whose user left: to remove (also among `members`)")
        List<Leaf> staleLeaves) {
}
