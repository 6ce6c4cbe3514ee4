package io.secureconnect.common.apidocs;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import io.secureconnect.common.web.ErrorCode;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@link ErrorCode} of the running service, by name: the enums under {@code io.secureconnect} that implement
 * it (common-lib's and the service's own, public or not).
 */
final class ErrorCatalog {

    private final Map<String, ErrorCode> byName;

    private ErrorCatalog(Map<String, ErrorCode> byName) {
        this.byName = byName;
    }

    static ErrorCatalog scan(ClassLoader classLoader) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(ErrorCode.class));
        Map<String, ErrorCode> byName = new TreeMap<>();
        for (var candidate : scanner.findCandidateComponents("io.secureconnect")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader);
            if (!type.isEnum()) {
                continue;
            }
            for (Object constant : type.getEnumConstants()) {
                ErrorCode code = (ErrorCode) constant;
                ErrorCode earlier = byName.putIfAbsent(code.name(), code);
                if (earlier != null && !earlier.status().equals(code.status())) {
                    throw new IllegalStateException("Error code " + code.name() + " is declared with two statuses: "
                            + earlier.status() + " and " + code.status());
                }
            }
        }
        return new ErrorCatalog(byName);
    }

    ErrorCode get(String name, String operation) {
        ErrorCode code = byName.get(name);
        if (code == null) {
            throw new IllegalStateException("@ApiErrors of " + operation + " names " + name
                    + ", which no ErrorCode declares; known: " + Arrays.toString(byName.keySet().toArray()));
        }
        return code;
    }
}
