package io.secureconnect.video.signaling;

/** The close codes of {@code /ws/calls} (ARCHITECTURE §3a, docs/video-protocol.md). */
public final class CloseCodes {

    public static final int TOO_BIG = 1009;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int UNAUTHENTICATED = 4401;
    public static final int FORBIDDEN = 4403;
    public static final int NOT_FOUND = 4404;
    public static final int REPLACED = 4409;
    public static final int CALL_ENDED = 4410;
    public static final int RATE_LIMITED = 4429;

    private CloseCodes() {
    }
}
