package io.secureconnect.common.audit;

import java.util.Locale;

/** The outcome of an audited action. DENIED is a permission decision; FAILURE is anything else that went wrong. */
public enum AuditResult {
    SUCCESS, FAILURE, DENIED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
