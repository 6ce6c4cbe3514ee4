package io.secureconnect.systemtests;

/**
 * The five deployables under test, named by their Maven module (which is also their {@code spring.application.name},
 * their jar name and the name of their log files).
 */
enum Service {

    AUTH("auth-service", true),
    CHAT("chat-service", true),
    VIDEO("video-service", true),
    STORAGE("storage-service", true),
    GATEWAY("api-gateway", false);

    private final String module;
    private final boolean ownsDatabase;

    Service(String module, boolean ownsDatabase) {
        this.module = module;
        this.ownsDatabase = ownsDatabase;
    }

    String module() {
        return module;
    }

    boolean ownsDatabase() {
        return ownsDatabase;
    }

    /** The JSON log file beside the other services' in {@code SC_LOG_DIR}. */
    String logFile() {
        return module + ".log";
    }

    String auditLogFile() {
        return module + "-audit.log";
    }

    @Override
    public String toString() {
        return module;
    }
}
