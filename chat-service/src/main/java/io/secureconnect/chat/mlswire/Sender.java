package io.secureconnect.chat.mlswire;

/**
 * The sender of a framed message (RFC 9420 §6). {@code index} is the leaf index of a member, the index into the
 * group's external senders for an external sender, and -1 for the two new-member kinds, which carry none.
 */
public record Sender(int type, long index) {

    public static final int MEMBER = 1;
    public static final int EXTERNAL = 2;
    public static final int NEW_MEMBER_PROPOSAL = 3;
    public static final int NEW_MEMBER_COMMIT = 4;

    public boolean isMember() {
        return type == MEMBER;
    }
}
