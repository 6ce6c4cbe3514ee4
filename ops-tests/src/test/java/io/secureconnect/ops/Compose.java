package io.secureconnect.ops;

import java.util.List;
import java.util.Map;

/** One docker compose file, parsed (anchors and merge keys resolved by the YAML parser, as compose does). */
record Compose(String file, Map<String, Object> root) {

    static Compose production() {
        return new Compose("docker-compose.production.yml", Repo.yaml("docker-compose.production.yml"));
    }

    static Compose monitoring() {
        return new Compose("docker-compose.monitoring.yml", Repo.yaml("docker-compose.monitoring.yml"));
    }

    Map<String, Object> services() {
        return Yamls.map(root, "services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = Yamls.map(services(), name);
        if (service.isEmpty()) {
            throw new AssertionError(file + " has no service " + name);
        }
        return service;
    }

    Map<String, Object> environment(String service) {
        return Yamls.map(service(service), "environment");
    }

    /** "volume:/path[:ro]" entries of a service. */
    List<String> volumes(String service) {
        return Yamls.list(service(service), "volumes").stream().map(Object::toString).toList();
    }

    /** The container path a named volume or host path is mounted at in a service, or null. */
    String mountPoint(String service, String source) {
        for (String volume : volumes(service)) {
            String[] parts = volume.split(":");
            if (parts[0].equals(source)) {
                return parts[1];
            }
        }
        return null;
    }

    /** The real Docker name of a volume declared in this file (its `name:` or the compose key). */
    String volumeName(String key) {
        Object declared = Yamls.map(root, "volumes").get(key);
        if (declared instanceof Map<?, ?> m && m.get("name") != null) {
            return m.get("name").toString();
        }
        return key;
    }
}
