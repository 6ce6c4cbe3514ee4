package io.secureconnect.gateway.docs;

import java.util.Collection;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code /docs} page: Swagger UI with one entry per service. Service names come from our own route config. */
final class SwaggerPage {

    private SwaggerPage() {
    }

    static String render(Collection<String> services) {
        String urls = Stream.concat(Stream.of("{url: '/docs/openapi.json', name: 'SecureConnect API (all services)'}"),
                        services.stream().map(service -> "{url: '/docs/%s/openapi.json', name: '%s'}"
                                .formatted(service, service)))
                .collect(Collectors.joining(", "));
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>SecureConnect API</title>
                  <link rel="stylesheet" href="/docs/ui/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="/docs/ui/swagger-ui-bundle.js"></script>
                  <script src="/docs/ui/swagger-ui-standalone-preset.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({
                      urls: [%s],
                      dom_id: '#swagger-ui',
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                      layout: 'StandaloneLayout'
                    });
                  </script>
                </body>
                </html>
                """.formatted(urls);
    }
}
