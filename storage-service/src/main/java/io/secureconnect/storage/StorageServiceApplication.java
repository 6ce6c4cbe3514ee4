package io.secureconnect.storage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** The storage service: presigned uploads and downloads on S3-compatible storage, quotas, file access audit. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableMethodSecurity
public class StorageServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(StorageServiceApplication.class, args);
    }
}
