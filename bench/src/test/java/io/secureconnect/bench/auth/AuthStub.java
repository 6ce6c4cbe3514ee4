package io.secureconnect.bench.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Just enough of auth-service on a free loopback port, each request on its own virtual thread: register (201),
 * login (200 with a new token after a pause that plays the password hash, 401 for a wrong password), the current
 * user (200 for an issued bearer token, else 401), account deletion (204) and /health. It records the order of the
 * calls, the bodies sent, and how many token-only requests arrived while a login was being "hashed". Chosen logins
 * can answer 503 instead, to play a service that is still busy.
 */
public final class AuthStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final long loginMillis;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final List<String> calls = new ArrayList<>();
    private final List<JsonNode> bodies = new ArrayList<>();
    private final AtomicInteger loginsInFlight = new AtomicInteger();
    private final AtomicInteger meWhileLoggingIn = new AtomicInteger();
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final Set<Integer> busyLogins = ConcurrentHashMap.newKeySet();
    private volatile boolean totp;
    private final Map<String, String> tokenOwners = new ConcurrentHashMap<>();
    private final Set<String> enrolled = ConcurrentHashMap.newKeySet();
    private final Map<String, String> mfaTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSteps = new ConcurrentHashMap<>();
    private final AtomicInteger refusedCodes = new AtomicInteger();
    /** Every account's TOTP secret: "12345678901234567890" (RFC 6238's), in base32. */
    static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    /** @param loginMillis how long each login takes, like the Argon2 check of the real service */
    public AuthStub(long loginMillis) {
        this.loginMillis = loginMillis;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException, InterruptedException {
        String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        synchronized (this) {
            calls.add(call);
            bodies.add(body);
        }
        switch (call) {
            case "GET /health" -> respond(exchange, 200, "{\"status\":\"UP\"}");
            case "POST " + AuthClient.REGISTER -> {
                passwords.put(body.path("email").asString(), body.path("password").asString());
                respond(exchange, 201, "{\"email\":\"" + body.path("email").asString() + "\"}");
            }
            case "POST " + AuthClient.LOGIN -> login(exchange, body);
            case "GET " + AuthClient.ME -> {
                if (loginsInFlight.get() > 0) {
                    meWhileLoggingIn.incrementAndGet();
                }
                respond(exchange, authorized(exchange) ? 200 : 401, "{}");
            }
            case "DELETE " + AuthClient.ME -> respond(exchange, authorized(exchange) ? 204 : 401, null);
            case "GET " + AuthClient.MFA -> respond(exchange, totp && authorized(exchange) ? 200 : 404, "{}");
            case "POST " + AuthClient.TOTP -> respond(exchange, totp && authorized(exchange) ? 200 : 404,
                    "{\"secret\":\"" + SECRET + "\",\"otpauthUri\":\"otpauth://totp/x\"}");
            case "POST " + AuthClient.TOTP_CONFIRM -> {
                String owner = tokenOwners.get(bearer(exchange));
                boolean right = owner != null && useCode(owner, body.path("code").asString());
                if (right) {
                    enrolled.add(owner);
                }
                respond(exchange, right ? 200 : 401, "{\"recoveryCodes\":[]}");
            }
            case "POST " + AuthClient.MFA_VERIFY -> {
                String owner = mfaTokens.remove(body.path("mfaToken").asString());
                if (owner == null || !useCode(owner, body.path("code").asString())) {
                    refusedCodes.incrementAndGet();
                    respond(exchange, 401, "{\"code\":\"MFA_CODE_INVALID\"}");
                } else {
                    respond(exchange, 200, issue(owner));
                }
            }
            default -> respond(exchange, 404, "{}");
        }
    }

    private void login(HttpExchange exchange, JsonNode body) throws IOException, InterruptedException {
        if (busyLogins.contains(logins.incrementAndGet())) {
            respond(exchange, 503, "{\"code\":\"AUTH_BUSY\"}");
            return;
        }
        loginsInFlight.incrementAndGet();
        try {
            Thread.sleep(loginMillis);
        } finally {
            loginsInFlight.decrementAndGet();
        }
        String password = passwords.get(body.path("email").asString());
        if (password == null || !password.equals(body.path("password").asString())) {
            respond(exchange, 401, "{\"code\":\"AUTH_INVALID_CREDENTIALS\"}");
            return;
        }
        String email = body.path("email").asString();
        if (enrolled.contains(email)) {
            String mfaToken = "mfa-" + tokens.incrementAndGet();
            mfaTokens.put(mfaToken, email);
            respond(exchange, 200, "{\"mfaRequired\":true,\"mfaToken\":\"" + mfaToken
                    + "\",\"methods\":[\"totp\"],\"expiresIn\":300}");
            return;
        }
        respond(exchange, 200, issue(email));
    }

    private String issue(String email) {
        String token = "token-" + tokens.incrementAndGet();
        issuedTokens.add(token);
        tokenOwners.put(token, email);
        return "{\"accessToken\":\"" + token + "\",\"refreshToken\":\"r\",\"tokenType\":\"Bearer\",\"expiresIn\":900}";
    }

    /** A code of the current step or one either side, each step of an account once, like auth-service. */
    private boolean useCode(String email, String code) {
        long current = Math.floorDiv(System.currentTimeMillis() / 1000, 30);
        for (long step = current - 1; step <= current + 1; step++) {
            if (TotpAccounts.code(TotpAccounts.decodeBase32(SECRET), step).equals(code)) {
                long used = step;
                boolean[] accepted = {false};
                lastSteps.compute(email, (account, last) -> {
                    accepted[0] = last == null || used > last;
                    return accepted[0] ? used : last;
                });
                return accepted[0];
            }
        }
        return false;
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header == null || !header.startsWith("Bearer ") ? "" : header.substring(7);
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") && issuedTokens.contains(header.substring(7));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Offers TOTP (enrolment, the challenge at login, /mfa/verify), as auth-service does since issue 22. */
    public AuthStub withTotp() {
        totp = true;
        return this;
    }

    /** Second-factor answers refused (a wrong or replayed code, an unknown mfaToken). */
    public int refusedCodes() {
        return refusedCodes.get();
    }

    /** The logins with these numbers (counted from 1) answer 503 AUTH_BUSY at once, as a saturated service does. */
    public AuthStub busyOnLogins(Integer... numbers) {
        busyLogins.addAll(List.of(numbers));
        return this;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** "METHOD /path" of every request, in arrival order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The JSON body of the n-th request (null when it had none). */
    public synchronized JsonNode body(int index) {
        return bodies.get(index);
    }

    public synchronized long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    /** GET /users/me requests that arrived while at least one login was in progress. */
    public int meWhileLoggingIn() {
        return meWhileLoggingIn.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
