package io.secureconnect.auth.user;

import java.text.Normalizer;
import java.util.Locale;

/** One spelling per address, so "Ann@Example.com " and "ann@example.com" are the same account. */
public final class Emails {

    private Emails() {
    }

    public static String normalize(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
