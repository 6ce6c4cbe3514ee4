package io.secureconnect.bench.gateway;

import io.secureconnect.bench.BenchmarkFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Debian's nginx, run in the foreground with a generated configuration in the run's work folder: either as the stub
 * service (a fixed small JSON answer, nearly free, so the numbers measure the proxies and not the service) or as the
 * reference reverse proxy in front of it (upstream keep-alive, as a tuned production setup would have).
 */
final class Nginx {

    static final String ANSWER = "{\"keys\":[],\"status\":\"UP\"}";

    static final String SESSION_CHECKS = "nginx-stub-session-checks.log";

    private Nginx() {
    }

    static Path sessionChecks(Path work) {
        return work.resolve(SESSION_CHECKS);
    }

    /** Session-status questions the stub has answered so far. */
    static long sessionChecksAnswered(Path work) {
        try (var lines = Files.lines(sessionChecks(work))) {
            return lines.count();
        } catch (IOException e) {
            return 0; // no question yet: nginx creates the file with the first one
        }
    }

    /**
     * The stub service: {@link #ANSWER} to any path, and at {@code /.well-known/jwks.json} the benchmark's JWKS (so
     * that the gateway, whose {@code SC_JWKS_URI} points here, can check the benchmark's tokens; the {@code public}
     * route therefore fetches a real one-key JWKS, as it would from auth-service), and 204 to the session-status
     * question the gateway asks auth-service while it deems its Redis degraded (every session is active; each question
     * is a line of {@link #SESSION_CHECKS}, since how often it comes is itself a finding).
     */
    static ChildProcess stubService(Path binary, Path work, int port, String jwks, HttpClient http)
            throws IOException, BenchmarkFailure, InterruptedException {
        if (jwks.contains("'")) {
            throw new IllegalArgumentException("a JWKS with a quote cannot go into nginx's return");
        }
        return start("nginx-stub", binary, work, """
                worker_processes 1;
                http {
                  access_log off;
                  server {
                    listen 127.0.0.1:%d backlog=4096;
                    keepalive_requests 1000000;
                    location = %s { default_type application/json; return 200 '%s'; }
                    location = /internal/v1/sessions/current { access_log %s; return 204; }
                    location / { default_type application/json; return 200 '%s'; }
                  }
                }
                """.formatted(port, GatewayRoute.PUBLIC.path(), jwks, sessionChecks(work), ANSWER), port, http);
    }

    /**
     * The reference proxy: everything to the stub service, and, when there is a WebSocket stub, {@code /ws/} to it
     * with the upgrade headers passed on (nginx drops hop-by-hop headers unless told).
     */
    static ChildProcess proxy(Path binary, Path work, int port, int upstreamPort, OptionalInt webSocketPort,
                              HttpClient http)
            throws IOException, BenchmarkFailure, InterruptedException {
        String webSocketUpstream = webSocketPort.isEmpty() ? "" : """
                  upstream websocket { server 127.0.0.1:%d; }
                """.formatted(webSocketPort.getAsInt());
        String webSocketLocation = webSocketPort.isEmpty() ? "" : """
                    location /ws/ {
                      proxy_pass http://websocket;
                      proxy_http_version 1.1;
                      proxy_set_header Upgrade $http_upgrade;
                      proxy_set_header Connection "upgrade";
                      proxy_set_header X-Forwarded-For $remote_addr;
                    }
                """;
        return start("nginx-proxy", binary, work, """
                worker_processes auto;
                http {
                  access_log %s/nginx-proxy-access.log;
                  upstream service { server 127.0.0.1:%d; keepalive 128; }
                %s  server {
                    listen 127.0.0.1:%d backlog=4096;
                    keepalive_requests 1000000;
                    location / {
                      proxy_pass http://service;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header X-Forwarded-For $remote_addr;
                    }
                %s  }
                }
                """.formatted(work, upstreamPort, webSocketUpstream, port, webSocketLocation), port, http);
    }

    private static ChildProcess start(String name, Path binary, Path work, String httpBlock, int port, HttpClient http)
            throws IOException, BenchmarkFailure, InterruptedException {
        if (!Files.isExecutable(binary)) {
            throw new BenchmarkFailure("no nginx at " + binary + " (apt-get install -y nginx, or --nginx PATH)");
        }
        Path prefix = Files.createDirectories(work.resolve(name));
        for (String temp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(prefix.resolve(temp)).toFile().setWritable(true, false);
        }
        Path config = prefix.resolve("nginx.conf");
        Files.writeString(config, """
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 8192; }
                """.formatted(prefix) + httpBlock.replace("http {", """
                http {
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;""".formatted(prefix)));
        ChildProcess process = ChildProcess.start(name,
                List.of(binary.toString(), "-p", prefix.toString(), "-c", config.toString(), "-e",
                        prefix.resolve("error.log").toString()), Map.of(), work);
        process.awaitReady(http, URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(20));
        return process;
    }
}
