package io.secureconnect.common.text;

/**
 * Text a service can keep and hand back: well-formed UTF-16 (every surrogate paired, so it encodes as UTF-8) without
 * U+0000 (which PostgreSQL refuses in text). JSON can carry both as escapes ({@code "\ud83d"}, {@code "\u0000"}); an
 * unpaired surrogate that got stored would fail every later frame or page that carries it, so such text is refused
 * where it comes in (400 {@code VALIDATION_FAILED}, or an {@code error} frame), never stored or stripped silently.
 */
public final class StorableText {

    /** Said to the client when a field is refused, whichever of the two problems it has. */
    public static final String PROBLEM = "must be valid text (no NUL character, no unpaired UTF-16 surrogate)";

    private StorableText() {
    }

    /** Whether {@code text} (null counts as absent, so storable) may be stored and sent back. */
    public static boolean isStorable(CharSequence text) {
        return text == null || firstUnstorable(text) < 0;
    }

    /** Whether every surrogate of {@code text} is paired, so that it can be encoded as UTF-8 (NUL can). */
    public static boolean isWellFormed(CharSequence text) {
        return text == null || firstUnpairedSurrogate(text, false) < 0;
    }

    /** The index of the first NUL or unpaired surrogate in {@code text}, or -1. */
    public static int firstUnstorable(CharSequence text) {
        return firstUnpairedSurrogate(text, true);
    }

    /** The index of the first unpaired surrogate in {@code text}, or -1. */
    public static int firstUnpairedSurrogate(CharSequence text) {
        return firstUnpairedSurrogate(text, false);
    }

    private static int firstUnpairedSurrogate(CharSequence text, boolean orNul) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < Character.MIN_SURROGATE) {
                if (orNul && c == '\u0000') {
                    return i;
                }
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
