package io.secureconnect.common.apidocs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service's OpenAPI description says about itself ({@code info}); each service sets its title and
 * description in its application.yml.
 *
 * @param title        e.g. "SecureConnect auth-service API"
 * @param description  what the service is for (Markdown)
 * @param contactName  who answers for the API
 * @param contactUrl   where to ask (optional)
 * @param contactEmail where to write (optional)
 * @param licenseName  the licence's name
 * @param licenseId    its SPDX identifier (OpenAPI 3.1)
 */
@ConfigurationProperties("secureconnect.api-docs")
public record ApiDocsProperties(
        @DefaultValue("SecureConnect API") String title,
        @DefaultValue("") String description,
        @DefaultValue("SecureConnect") String contactName,
        @DefaultValue("") String contactUrl,
        @DefaultValue("") String contactEmail,
        @DefaultValue("Apache License 2.0") String licenseName,
        @DefaultValue("Apache-2.0") String licenseId) {
}
