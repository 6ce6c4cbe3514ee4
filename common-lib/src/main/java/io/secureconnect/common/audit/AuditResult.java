package io.secureconnect.common.audit;

/** The outcome of an audited action. DENIED is a permission decision; FAILURE is anything else that went wrong. */
public enum AuditResult {
    SUCCESS, FAILURE, DENIED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
