package io.secureconnect.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code secureconnect-defaults.properties} as the lowest-precedence property source of every service, so the
 * conventions of ARCHITECTURE §4 (endpoints, probes, graceful shutdown, virtual threads, Redis timeouts) hold
 * without each service repeating them, and any service or environment variable can still override one.
 */
public class SecureConnectDefaults implements EnvironmentPostProcessor {

    static final String NAME = "secureconnect-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new PropertiesPropertySourceLoader()
                    .load(NAME, new ClassPathResource(NAME + ".properties"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + NAME + ".properties", e);
        }
    }
}
