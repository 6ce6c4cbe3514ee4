package io.secureconnect.chat.push;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.0 access tokens for FCM from a Google service account (the JWT-bearer grant, RFC 7523): a JWT signed
 * with the account's key is exchanged at its {@code token_uri}; the token is reused until a minute before it
 * expires, or until FCM refuses it.
 */
final class GoogleAccessTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;
    private final String clientEmail;
    private final String keyId;
    private final RSAPrivateKey key;
    private final URI tokenUri;
    private final String projectId;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String token;
    private volatile Instant refreshAt = Instant.MIN;

    GoogleAccessTokens(Path serviceAccountFile, JsonMapper json, HttpClient http, Duration timeout) {
        JsonNode account;
        try {
            account = json.readTree(Files.readString(serviceAccountFile));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the FCM service account file " + serviceAccountFile, e);
        }
        this.http = http;
        this.json = json;
        this.timeout = timeout;
        this.clientEmail = account.path("client_email").asString();
        this.keyId = account.path("private_key_id").asString(null);
        this.key = (RSAPrivateKey) PemKeys.privateKey(account.path("private_key").asString(), "RSA");
        this.tokenUri = URI.create(account.path("token_uri").asString("https://oauth2.googleapis.com/token"));
        this.projectId = account.path("project_id").asString(null);
    }

    String projectId() {
        return projectId;
    }

    /** A valid access token, or null when none could be had (FCM is then counted as failed: {@code unauthorized}). */
    String current() {
        if (token != null && Instant.now().isBefore(refreshAt)) {
            return token;
        }
        lock.lock();
        try {
            if (token == null || !Instant.now().isBefore(refreshAt)) {
                fetch();
            }
            return token;
        } finally {
            lock.unlock();
        }
    }

    /** FCM said 401: the token was revoked or expired early. */
    void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            refreshAt = Instant.MIN;
        }
    }

    private void fetch() {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + assertion();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUri).timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                token = null;
                return;
            }
            JsonNode body = json.readTree(response.body());
            token = body.path("access_token").asString(null);
            long lifetime = body.path("expires_in").asLong(3600);
            refreshAt = Instant.now().plusSeconds(Math.max(0, lifetime - 60));
        } catch (IOException | RuntimeException e) {
            token = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            token = null;
        }
    }

    private String assertion() {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientEmail).audience(tokenUri.toString())
                .claim("scope", SCOPE).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the FCM token request", e);
        }
        return jwt.serialize();
    }
}
