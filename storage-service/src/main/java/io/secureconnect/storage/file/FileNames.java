package io.secureconnect.storage.file;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Makes a user's file name safe to store and to send back in a header: Unicode NFC, no control or format characters
 * (so no CR/LF header injection and no bidi tricks), no path separators (so {@code ../} cannot climb anywhere), no
 * leading dots or surrounding spaces, at most 255 UTF-8 bytes. Unicode letters, quotes and spaces stay: they are
 * encoded where the name is used, not forbidden.
 */
final class FileNames {

    static final String FALLBACK = "file";
    private static final int MAX_UTF8_BYTES = 255;

    private FileNames() {
    }

    static String sanitise(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == '/' || c == '\\') {
                safe.append('_');
            } else if (type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                    && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
                    && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR) {
                safe.appendCodePoint(c);
            }
        });
        String cleaned = stripLeadingDots(safe.toString().strip()).strip();
        cleaned = truncateUtf8(cleaned, MAX_UTF8_BYTES).strip();
        return cleaned.isEmpty() ? FALLBACK : cleaned;
    }

    private static String stripLeadingDots(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '.') {
            start++;
        }
        return name.substring(start);
    }

    private static String truncateUtf8(String name, int maxBytes) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return name;
        }
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            kept.appendCodePoint(c);
            bytes += size;
            i += Character.charCount(c);
        }
        return kept.toString();
    }
}
