package io.secureconnect.storage.file;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a stored name (RFC 6266): an ASCII-only {@code filename} with quotes,
 * backslashes and anything non-ASCII replaced by {@code _} for old clients, and the exact name as a
 * percent-encoded UTF-8 {@code filename*} (RFC 8187). Nothing of the name can end the header or add a parameter.
 */
final class ContentDispositions {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ContentDispositions() {
    }

    static String attachment(String name) {
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + percentEncode(name);
    }

    private static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return ascii.toString();
    }

    private static String percentEncode(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
