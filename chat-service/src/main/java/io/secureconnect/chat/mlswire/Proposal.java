package io.secureconnect.chat.mlswire;

/**
 * A {@code ProposalOrRef} of a Commit (RFC 9420 §12.4): a proposal by value, or a reference to one sent earlier.
 * Add, Remove and Update are kept; every other proposal type is read far enough to be skipped and is kept only by
 * its type, so the DS can refuse it.
 */
public sealed interface Proposal {

    int ADD = 1;
    int UPDATE = 2;
    int REMOVE = 3;
    int PSK = 4;
    int REINIT = 5;
    int EXTERNAL_INIT = 6;
    int GROUP_CONTEXT_EXTENSIONS = 7;

    record Add(KeyPackageMessage keyPackage) implements Proposal {
    }

    record Remove(int removedLeaf) implements Proposal {
    }

    /** An Update by value; RFC 9420 §12.2 forbids a committer to commit its own, so a DS may always refuse it. */
    record Update(LeafNode leafNode) implements Proposal {
    }

    record Other(int proposalType) implements Proposal {
    }

    /** A proposal by reference (a ProposalRef, a hash of an earlier proposal message). */
    record Reference(byte[] ref) implements Proposal {
    }
}
