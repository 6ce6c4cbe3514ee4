package io.secureconnect.testsupport.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a screen for redirect flows: it keeps cookies, follows redirects one by one (so a test sees each
 * address), and when a page is the {@link TestIdentityProvider}'s login form it fills it in as its person and posts
 * it. Services under test run behind an address the provider redirects to (the public URL); {@code rewrite} maps
 * such an address onto where the service really listens, as the gateway would.
 */
public final class OidcBrowser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final int MAX_REDIRECTS = 20;

    private final IdpUser person;
    private final UnaryOperator<URI> rewrite;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public OidcBrowser(IdpUser person, UnaryOperator<URI> rewrite) {
        this.person = person;
        this.rewrite = rewrite;
    }

    public OidcBrowser(IdpUser person) {
        this(person, UnaryOperator.identity());
    }

    /**
     * Goes to {@code start} and follows redirects, logging in at the provider when it asks, until the next address
     * satisfies {@code stop}: that address is returned without being requested. Fails on any other final answer.
     */
    public URI followUntil(URI start, Predicate<URI> stop) {
        URI next = rewrite.apply(start);
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            HttpResponse<String> response = get(next);
            if (response.statusCode() / 100 == 3) {
                URI location = next.resolve(response.headers().firstValue("Location").orElseThrow());
                if (stop.test(location)) {
                    return location;
                }
                next = rewrite.apply(location);
            } else if (response.statusCode() == 200 && response.body().contains("name=\"username\"")) {
                next = logIn(next, response.body());
                if (stop.test(next)) {
                    return next;
                }
                next = rewrite.apply(next);
            } else {
                throw new AssertionError("unexpected answer " + response.statusCode() + " at " + next + ": "
                        + response.body());
            }
        }
        throw new AssertionError("more than " + MAX_REDIRECTS + " redirects from " + start);
    }

    /** A GET with this browser's cookies (a page a browser would load). */
    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml").GET());
    }

    /**
     * What a page's script sends with fetch to its own origin: JSON with this browser's cookies (and a bearer token
     * when {@code bearerToken} is not null). Cookies the answer sets are kept.
     */
    public HttpResponse<String> postJson(URI uri, String bearerToken, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    private URI logIn(URI page, String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("no form in the login page at " + page);
        }
        Matcher csrf = CSRF.matcher(html);
        String body = "username=" + encode(person.username()) + "&password=" + encode(person.password())
                + (csrf.find() ? "&_csrf=" + encode(csrf.group(1)) : "");
        URI action = page.resolve(form.group(1).replace("&amp;", "&"));
        HttpResponse<String> posted = send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (posted.statusCode() / 100 != 3) {
            throw new AssertionError("the provider's login answered " + posted.statusCode() + ": " + posted.body());
        }
        URI location = action.resolve(posted.headers().firstValue("Location").orElseThrow());
        if (location.getPath().equals("/login") && "error".equals(location.getQuery())) {
            throw new AssertionError("the provider refused the login of " + person.username());
        }
        return location;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
