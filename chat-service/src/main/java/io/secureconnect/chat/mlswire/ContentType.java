package io.secureconnect.chat.mlswire;

/** The {@code ContentType} values of RFC 9420 §6. */
public final class ContentType {

    public static final int APPLICATION = 1;
    public static final int PROPOSAL = 2;
    public static final int COMMIT = 3;

    private ContentType() {
    }
}
