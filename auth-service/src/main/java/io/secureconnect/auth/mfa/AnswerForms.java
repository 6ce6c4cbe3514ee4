package io.secureconnect.auth.mfa;

import java.util.Locale;
import java.util.regex.Pattern;

/** The forms a typed code may take: a 6-digit TOTP code, or a recovery code (dash and case optional). */
final class AnswerForms {

    private static final Pattern TOTP = Pattern.compile("\\d{6}");
    private static final Pattern RECOVERY = Pattern.compile("[a-z2-7]{10}");

    private AnswerForms() {
    }

    static boolean isTotp(String code) {
        return code != null && TOTP.matcher(code).matches();
    }

    static boolean isRecovery(String code) {
        return code != null && RECOVERY.matcher(recovery(code)).matches();
    }

    /** A recovery code as it is hashed: lower case, without its dash. */
    static String recovery(String code) {
        String compact = code.strip().toLowerCase(Locale.ROOT);
        return compact.length() == 11 && compact.charAt(5) == '-'
                ? compact.substring(0, 5) + compact.substring(6) : compact;
    }
}
