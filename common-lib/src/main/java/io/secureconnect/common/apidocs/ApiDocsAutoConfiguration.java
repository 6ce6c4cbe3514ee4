package io.secureconnect.common.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import io.secureconnect.common.security.Caller;
import io.secureconnect.common.security.SecurityProperties;
import io.secureconnect.common.web.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What every service's OpenAPI description shares (issue 23): the {@code info} (title, version of the build,
 * contact, licence), the gateway as the only server, the {@code bearer} JWT scheme on every protected operation
 * ({@code security: []} on the public ones, from {@code secureconnect.security.public-paths}), and the error
 * responses as problem+json: those every operation of its kind can give, plus its {@link ApiErrors}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiDocsProperties.class)
public class ApiDocsAutoConfiguration {

    static final String BEARER = "bearer";
    /** Carries an operation's declared codes from the operation customizer to the description's; removed there. */
    private static final String DECLARED_ERRORS = "x-secureconnect-declared-errors";
    /** Marks an operation without {@link ApiErrors}; the services' contract test fails on it. */
    static final String UNDECLARED_ERRORS = "x-secureconnect-errors-undeclared";

    static {
        // resolved from the token, never sent by the client: not parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, Jwt.class)
                .addAnnotationsToIgnore(AuthenticationPrincipal.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI secureConnectOpenApi(ApiDocsProperties properties) {
        Contact contact = new Contact().name(properties.contactName());
        if (!properties.contactUrl().isBlank()) {
            contact.url(properties.contactUrl());
        }
        if (!properties.contactEmail().isBlank()) {
            contact.email(properties.contactEmail());
        }
        return new OpenAPI()
                .info(new Info().title(properties.title()).version(buildVersion())
                        .description(properties.description()).contact(contact)
                        .license(new License().name(properties.licenseName()).identifier(properties.licenseId())))
                // clients reach every service through the gateway, at the same paths
                .servers(List.of(new Server().url("/").description("The API gateway")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("The access token from login, refresh or the second step")));
    }

    @Bean
    OperationCustomizer declaredErrors() {
        return (operation, handler) -> {
            Set<String> names = new LinkedHashSet<>();
            boolean declared = false;
            for (var element : List.of(handler.getBeanType(), handler.getMethod())) {
                ApiErrors errors = AnnotatedElementUtils.findMergedAnnotation(element, ApiErrors.class);
                if (errors != null) {
                    declared = true;
                    names.addAll(List.of(errors.value()));
                }
            }
            operation.addExtension(declared ? DECLARED_ERRORS : UNDECLARED_ERRORS, declared ? List.copyOf(names)
                    : true);
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer securityAndProblemResponses(SecurityProperties security) {
        ErrorCatalog catalog = ErrorCatalog.scan(getClass().getClassLoader());
        List<PathPattern> publicPaths = security.publicPaths().stream().map(PathPatternParser.defaultInstance::parse)
                .toList();
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getComponents().addSchemas(ProblemResponses.SCHEMA, ProblemResponses.problemSchema());
            Set<ErrorCode> used = new HashSet<>();
            Map<String, ApiResponse> problems = new TreeMap<>();
            Map<String, Schema<?>> problemSchemas = new TreeMap<>();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                boolean isPublic = publicPaths.stream().anyMatch(p -> p.matches(PathContainer.parsePath(path)));
                operation.setSecurity(isPublic ? List.of() : List.of(new SecurityRequirement().addList(BEARER)));
                List<ErrorCode> codes = new ArrayList<>(ProblemResponses.automatic(operation, isPublic));
                declared(operation).forEach(name -> codes.add(catalog.get(name, method + " " + path)));
                ProblemResponses.describe(operation, codes, problems, problemSchemas);
                used.addAll(codes);
            }));
            ProblemResponses.examples(used).forEach(openApi.getComponents()::addExamples);
            problems.forEach(openApi.getComponents()::addResponses);
            problemSchemas.forEach(openApi.getComponents()::addSchemas);
        };
    }

    @SuppressWarnings("unchecked")
    private static List<String> declared(Operation operation) {
        Map<String, Object> extensions = operation.getExtensions();
        Object names = extensions == null ? null : extensions.remove(DECLARED_ERRORS);
        if (extensions != null && extensions.isEmpty()) {
            operation.setExtensions(null);
        }
        return names == null ? List.of() : (List<String>) names;
    }

    private static String buildVersion() {
        try (InputStream in = ApiDocsAutoConfiguration.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("common-lib's apidocs/build.properties is missing");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
