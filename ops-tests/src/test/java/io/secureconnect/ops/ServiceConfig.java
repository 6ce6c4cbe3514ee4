package io.secureconnect.ops;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the services' own configuration says, read from the repository (never restated here): each service's port,
 * the environment variables its application.yml and common-lib's defaults read (and which of them default to an
 * address on this machine, so a deployment must set them), and where common-lib's logback configuration writes
 * the log files.
 */
record ServiceConfig(String name, int port, Set<String> environmentVariables, Set<String> localDefaults) {

    static final List<String> SERVICES = List.of("api-gateway", "auth-service", "chat-service", "video-service",
            "storage-service");

    private static final String COMMON_DEFAULTS = "common-lib/src/main/resources/secureconnect-defaults.properties";
    private static final String LOGBACK = "common-lib/src/main/resources/logback-spring.xml";
    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    /** Spring Boot binds these to properties itself (relaxed binding); the JVM reads JAVA_TOOL_OPTIONS. */
    private static final Pattern SPRING_BOUND = Pattern.compile("(SPRING|MANAGEMENT|SERVER|LOGGING)_[A-Z0-9_]+|JAVA_TOOL_OPTIONS");

    static ServiceConfig of(String service) {
        String yaml = Repo.read(service + "/src/main/resources/application.yml");
        Object port = Yamls.at(new org.yaml.snakeyaml.Yaml().load(yaml), "server", "port");
        Matcher portPlaceholder = PLACEHOLDER.matcher(String.valueOf(port));
        int portNumber = portPlaceholder.matches() ? Integer.parseInt(portPlaceholder.group(2))
                : Integer.parseInt(String.valueOf(port));
        String commonDefaults = Repo.read(COMMON_DEFAULTS);
        Set<String> variables = new LinkedHashSet<>(placeholders(yaml));
        variables.addAll(placeholders(commonDefaults));
        Set<String> local = new LinkedHashSet<>(pointingAtThisMachine(yaml));
        local.addAll(pointingAtThisMachine(commonDefaults));
        if (!yaml.contains("datasource:")) {
            // common-lib's audit trail needs JDBC: a service without a database (the gateway) never opens it
            local.removeIf(name -> name.startsWith("SC_AUDIT_DB_"));
        }
        return new ServiceConfig(service, portNumber, variables, local);
    }

    static List<ServiceConfig> all() {
        return SERVICES.stream().map(ServiceConfig::of).toList();
    }

    /** Fails unless this service reads the environment variable {@code name} that {@code where} sets for it. */
    void assertReads(String name, String where) {
        if (environmentVariables.contains(name) || SPRING_BOUND.matcher(name).matches()) {
            return;
        }
        throw new AssertionError(where + " sets " + name + " for " + this.name
                + ", which neither its application.yml nor common-lib reads");
    }

    /** The directory the services log to unless SC_LOG_DIR says otherwise. */
    static String defaultLogDirectory() {
        Matcher m = Pattern.compile("secureconnect\\.logging\\.dir=\\$\\{SC_LOG_DIR:([^}]+)}").matcher(Repo.read(COMMON_DEFAULTS));
        if (!m.find()) {
            throw new AssertionError("common-lib no longer sets secureconnect.logging.dir from SC_LOG_DIR");
        }
        return m.group(1);
    }

    /** The log files common-lib's logback configuration writes, relative to the log directory. */
    static List<String> logFilesOf(String service) {
        String logback = Repo.read(LOGBACK);
        List<String> files = List.of("${LOG_DIR}/${SERVICE}.log", "${LOG_DIR}/${SERVICE}-audit.log");
        for (String file : files) {
            if (!logback.contains("<file>" + file + "</file>")) {
                throw new AssertionError("logback-spring.xml no longer writes " + file);
            }
        }
        return List.of(service + ".log", service + "-audit.log");
    }

    /** Variables whose default is an address on this machine: right for ./secureconnect, wrong in a container. */
    private static Set<String> pointingAtThisMachine(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*(?:127\\.0\\.0\\.1|localhost)[^}]*)}").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Names of ${NAME} and ${NAME:default} placeholders, nested ones included. */
    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER_NAME.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
