package io.secureconnect.chat.push;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays Google's OAuth token endpoint, FCM's HTTP v1 API, APNs and a Web Push service for chat's push tests, over
 * real HTTP: an embedded Tomcat that speaks HTTP/1.1 and HTTP/2 (h2c), since APNs only takes HTTP/2. It checks what
 * a real provider checks (the service-account JWT and the access token it issued; the APNs provider JWT's
 * signature, team and key id, the topic, HTTP/2; the VAPID JWT and key, and that a Web Push payload opens with the
 * browser's keys) and answers like one, including the errors a test scripts for a token. Every push it accepts or
 * refuses is kept, with its (decrypted) body, for the test to inspect.
 */
public final class PushProviderStub {

    public static final String PROJECT = "sc-test-project";
    public static final String TEAM_ID = "TEAM123456";
    public static final String KEY_ID = "KEY1234567";
    public static final String TOPIC = "io.secureconnect.app";
    private static final String CLIENT_EMAIL = "push@sc-test-project.iam.gserviceaccount.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final PushProviderStub SHARED = new PushProviderStub();

    /** One push request as the provider saw it. */
    public record Received(String provider, String token, String protocol, Map<String, String> headers,
                           String rawBody, JsonNode body, int status) {
    }

    private final Tomcat tomcat = new Tomcat();
    private final KeyPair googleKey = keyPair("RSA", null);
    private final KeyPair apnsKey = keyPair("EC", new ECGenParameterSpec("secp256r1"));
    private final KeyPair vapidKey = keyPair("EC", new ECGenParameterSpec("secp256r1"));
    private final Map<String, TestBrowser> browsers = new ConcurrentHashMap<>();
    private final Set<String> issuedAccessTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Path serviceAccountFile;
    private final Path apnsKeyFile;
    private final Path vapidKeyFile;
    private final int port;

    private PushProviderStub() {
        try {
            Path dir = Files.createTempDirectory("push-stub");
            tomcat.setBaseDir(dir.toString());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            connector.addUpgradeProtocol(new Http2Protocol());
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", null);
            Tomcat.addServlet(context, "provider", new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    handle(request, response);
                }
            });
            context.addServletMappingDecoded("/*", "provider");
            tomcat.start();
            port = connector.getLocalPort();
            serviceAccountFile = dir.resolve("service-account.json");
            Files.writeString(serviceAccountFile, JSON.writeValueAsString(Map.of("type", "service_account",
                    "project_id", PROJECT, "private_key_id", "google-key-1", "client_email", CLIENT_EMAIL,
                    "private_key", pem(googleKey), "token_uri", url() + "/token")));
            apnsKeyFile = dir.resolve("AuthKey_" + KEY_ID + ".p8");
            Files.writeString(apnsKeyFile, pem(apnsKey));
            vapidKeyFile = dir.resolve("vapid.pem");
            Files.writeString(vapidKeyFile, pem(vapidKey));
        } catch (Exception e) {
            throw new IllegalStateException("push stub did not start", e);
        }
    }

    public static PushProviderStub shared() {
        return SHARED;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path serviceAccountFile() {
        return serviceAccountFile;
    }

    public Path apnsKeyFile() {
        return apnsKeyFile;
    }

    public Path vapidKeyFile() {
        return vapidKeyFile;
    }

    /** The VAPID public key, base64url of the uncompressed point, as browsers are given it. */
    public String vapidPublicKey() {
        return B64.encodeToString(WebPushEncryption.uncompressed((ECPublicKey) vapidKey.getPublic()));
    }

    /** A new browser subscription on this push service: the {@code webpush} device token. */
    public String newWebPushSubscription() {
        TestBrowser browser = TestBrowser.subscribe(url() + "/webpush/");
        browsers.put(browser.id(), browser);
        return browser.subscription();
    }

    /** Pushes to {@code token} that the provider accepted (2xx). */
    public List<Received> accepted(String token) {
        return received.stream().filter(r -> r.token().equals(token) && r.status() / 100 == 2).toList();
    }

    /** Every request for {@code token}, whatever the answer. */
    public List<Received> requests(String token) {
        return received.stream().filter(r -> r.token().equals(token)).toList();
    }

    /** The next pushes to {@code token} get these statuses, in order, then 200 again. */
    public void answer(String token, Integer... statuses) {
        scripted.computeIfAbsent(token, t -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    /** Every push to {@code token} is refused as the provider refuses an uninstalled app's token. */
    public void unregister(String token) {
        answer(token, 410);
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        byte[] bytes = request.getInputStream().readAllBytes();
        if (path.startsWith("/webpush/")) {
            webPushRaw(request, path, bytes, response);
            return;
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (path.equals("/token")) {
            token(body, response);
        } else if (path.equals("/v1/projects/" + PROJECT + "/messages:send")) {
            fcm(request, body, response);
        } else if (path.startsWith("/3/device/")) {
            apns(request, URLDecoder.decode(path.substring("/3/device/".length()), StandardCharsets.UTF_8), body, response);
        } else {
            respond(response, 404, "{}");
        }
    }

    /** Google's token endpoint: the JWT-bearer grant with an assertion signed by the service account's key. */
    private void token(String form, HttpServletResponse response) throws IOException {
        Map<String, String> fields = new ConcurrentHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(fields.getOrDefault("assertion", ""));
            var claims = jwt.getJWTClaimsSet();
            boolean valid = "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(fields.get("grant_type"))
                    && jwt.verify(new RSASSAVerifier((RSAPublicKey) googleKey.getPublic()))
                    && CLIENT_EMAIL.equals(claims.getIssuer()) && claims.getAudience().contains(url() + "/token")
                    && GoogleAccessTokens.SCOPE.equals(claims.getStringClaim("scope"));
            if (!valid) {
                respond(response, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
        } catch (Exception e) {
            respond(response, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String accessToken = "ya29.test-" + tokenRequests.incrementAndGet();
        issuedAccessTokens.add(accessToken);
        respond(response, 200, "{\"access_token\":\"" + accessToken + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    private void fcm(HttpServletRequest request, String rawBody, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !issuedAccessTokens.contains(authorization.replaceFirst("^Bearer ", ""))) {
            respond(response, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");
            return;
        }
        JsonNode body = JSON.readTree(rawBody);
        String token = body.path("message").path("token").asString();
        int status = next(token);
        received.add(new Received("fcm", token, request.getProtocol(), headers(request), rawBody, body, status));
        switch (status) {
            case 200 -> respond(response, 200, "{\"name\":\"projects/" + PROJECT + "/messages/1\"}");
            case 410 -> respond(response, 404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"details\":[{"
                    + "\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
            default -> respond(response, status, "{\"error\":{\"code\":" + status + ",\"status\":\"UNAVAILABLE\"}}");
        }
    }

    private void apns(HttpServletRequest request, String token, String rawBody, HttpServletResponse response)
            throws IOException {
        if (!"HTTP/2.0".equals(request.getProtocol())) {
            respond(response, 505, "{\"reason\":\"HTTP/2 required\"}"); // what APNs does to HTTP/1.1, roughly
            return;
        }
        if (!validProviderToken(request.getHeader("authorization"))) {
            respond(response, 403, "{\"reason\":\"InvalidProviderToken\"}");
            return;
        }
        if (!TOPIC.equals(request.getHeader("apns-topic"))) {
            respond(response, 400, "{\"reason\":\"TopicDisallowed\"}");
            return;
        }
        int status = next(token);
        received.add(new Received("apns", token, request.getProtocol(), headers(request), rawBody, JSON.readTree(rawBody), status));
        switch (status) {
            case 200 -> respond(response, 200, "");
            case 410 -> respond(response, 410, "{\"reason\":\"Unregistered\",\"timestamp\":1700000000000}");
            default -> respond(response, status, "{\"reason\":\"ServiceUnavailable\"}");
        }
    }

    private void webPushRaw(HttpServletRequest request, String path, byte[] body, HttpServletResponse response)
            throws IOException {
        TestBrowser browser = browsers.get(path.substring("/webpush/".length()));
        if (browser == null) {
            respond(response, 404, "");
            return;
        }
        if (!validVapid(request.getHeader("Authorization")) || !"aes128gcm".equals(request.getHeader("Content-Encoding"))
                || request.getHeader("TTL") == null) {
            respond(response, 401, "");
            return;
        }
        String plaintext;
        try {
            plaintext = browser.open(body);
        } catch (Exception e) {
            respond(response, 400, "");
            return;
        }
        int status = next(browser.subscription());
        received.add(new Received("webpush", browser.subscription(), request.getProtocol(), headers(request), plaintext,
                JSON.readTree(plaintext), status == 200 ? 201 : status));
        respond(response, status == 200 ? 201 : status, "");
    }

    /** VAPID: {@code vapid t=<ES256 JWT for this origin>, k=<our public key>}. */
    private boolean validVapid(String authorization) {
        try {
            var matcher = Pattern.compile("vapid t=([^,\\s]+),\\s*k=(\\S+)").matcher(authorization);
            if (!matcher.matches() || !matcher.group(2).equals(vapidPublicKey())) {
                return false;
            }
            SignedJWT jwt = SignedJWT.parse(matcher.group(1));
            var claims = jwt.getJWTClaimsSet();
            return jwt.verify(new ECDSAVerifier((ECPublicKey) vapidKey.getPublic()))
                    && claims.getAudience().equals(List.of(url())) && claims.getExpirationTime().after(new Date())
                    && claims.getSubject() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private boolean validProviderToken(String authorization) {
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.replaceFirst("^bearer ", ""));
            return jwt.verify(new ECDSAVerifier((ECPublicKey) apnsKey.getPublic()))
                    && KEY_ID.equals(jwt.getHeader().getKeyID()) && TEAM_ID.equals(jwt.getJWTClaimsSet().getIssuer())
                    && jwt.getJWTClaimsSet().getIssueTime() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private int next(String token) {
        Deque<Integer> statuses = scripted.get(token);
        if (statuses == null || statuses.isEmpty()) {
            return 200;
        }
        synchronized (statuses) {
            // an unregistered token stays unregistered; other scripted answers are used up
            return statuses.size() == 1 && statuses.peek() == 410 ? 410 : statuses.poll();
        }
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new ConcurrentHashMap<>();
        request.getHeaderNames().asIterator().forEachRemaining(name -> headers.put(name.toLowerCase(), request.getHeader(name)));
        return headers;
    }

    private static void respond(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        if (!body.isEmpty()) {
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static KeyPair keyPair(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair keyPair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keyPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
