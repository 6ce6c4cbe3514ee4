package io.secureconnect.common.logging;

import java.util.List;
import java.util.regex.Pattern;

import net.logstash.logback.mask.ValueMasker;

import tools.jackson.core.TokenStreamContext;

/**
 * Masks secrets inside any string value of a log line: each match of a pattern is replaced, the rest of the text is
 * kept. Every string of every line passes through here, so the patterns run only on text that could hold one of
 * them at all (a JWT's {@code eyJ}, a {@code name=value} pair, a quoted JSON member, the word bearer); the
 * look-behind patterns are too slow to try on every method name and path.
 */
final class SecretValueMasker implements ValueMasker {

    private static final List<Pattern> PATTERNS = List.of(
            // a JWT anywhere (header.payload.signature, base64url)
            Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
            // Authorization: Bearer <token>
            Pattern.compile("(?i)(?<=bearer )[A-Za-z0-9._~+/=-]{8,}"),
            // token-like query or form parameters
            Pattern.compile("(?i)(?<=(access_token|refresh_token|token|password|secret)=)[^&\\s\"']+"),
            // "password":"…" inside a JSON text that was logged as a string
            Pattern.compile("(?i)(?<=\"(password|newPassword|currentPassword|accessToken|refreshToken)\"\\s?:\\s?\")[^\"]*"));
    private static final String BEARER = "bearer ";

    private final String mask;

    SecretValueMasker(String mask) {
        this.mask = mask;
    }

    @Override
    public Object mask(TokenStreamContext context, Object value) {
        if (!(value instanceof String text) || !mayHoldSecret(text)) {
            return null;
        }
        String masked = text;
        for (Pattern pattern : PATTERNS) {
            masked = pattern.matcher(masked).replaceAll(mask);
        }
        return masked.equals(text) ? null : masked;
    }

    static boolean mayHoldSecret(String text) {
        return text.indexOf('=') >= 0 || text.indexOf('"') >= 0 || text.contains("eyJ") || containsBearer(text);
    }

    private static boolean containsBearer(String text) {
        for (int space = text.indexOf(' '); space >= 0; space = text.indexOf(' ', space + 1)) {
            int start = space - BEARER.length() + 1;
            if (start >= 0 && text.regionMatches(true, start, BEARER, 0, BEARER.length())) {
                return true;
            }
        }
        return false;
    }
}
