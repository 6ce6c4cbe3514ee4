package io.secureconnect.chat.mlswire;

import java.util.List;

/** A {@code Commit} (RFC 9420 §12.4). {@code pathLeaf} is the committer's new leaf from its UpdatePath, or null. */
public record Commit(List<Proposal> proposals, LeafNode pathLeaf) {

    public Commit {
        proposals = List.copyOf(proposals);
    }

    public boolean hasPath() {
        return pathLeaf != null;
    }
}
