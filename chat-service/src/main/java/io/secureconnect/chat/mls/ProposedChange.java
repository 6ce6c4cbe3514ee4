package io.secureconnect.chat.mls;

import java.util.List;

import io.secureconnect.chat.mlswire.Sender;

/**
 * What a well-formed commit asks of the group, checked against everything but the group's current tree: the
 * sender's leaf, the leaves to blank and the devices to add (in the commit's order), with the Welcome and ratchet
 * tree for them. {@code pathKey} is the signature key of the committer's new leaf, when the commit has a path.
 */
record ProposedChange(long epoch, Sender sender, byte[] pathKey, List<Integer> removes, List<Joining> adds,
                      byte[] welcome, byte[] ratchetTree) {

    ProposedChange {
        removes = List.copyOf(removes);
        adds = List.copyOf(adds);
    }

    /** A device an Add brings in, with the signature key of its KeyPackage's leaf. */
    record Joining(UserDevice device, byte[] signatureKey) {
    }
}
