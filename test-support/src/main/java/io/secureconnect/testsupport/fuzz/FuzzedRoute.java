package io.secureconnect.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One route that takes a JSON body, with a valid example of that body: {@link #bodies()} mutates it, {@link #send}
 * posts a body to the service and {@link #assertHandled} checks the answer the way ARCHITECTURE §4 promises for
 * anything a client may send: below 500, and a 4xx is {@code application/problem+json} with a {@code code}.
 *
 * <p>Ids that exist only once the service runs (a conversation the caller belongs to, …) are written as
 * placeholders such as {@code {conversation}} in the path and the example, and {@link #filledIn} replaces them in a
 * try: jqwik draws the bodies before the service under test is there to make them.
 *
 * @param method   HTTP method
 * @param path     the path, possibly with placeholders
 * @param token    the bearer token to send (or a placeholder), or null for a public route
 * @param example  a valid body of this route
 */
public record FuzzedRoute(String method, String path, String token, Map<String, ?> example) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public String name() {
        return method + " " + path;
    }

    /** This route with the placeholders in its path and token replaced by {@code values}. */
    public FuzzedRoute filledIn(Map<String, String> values) {
        return new FuzzedRoute(method, fill(path, values), token == null ? null : fill(token, values), example);
    }

    /** {@code text} with every {@code {name}} of {@code values} replaced by its value. */
    public static String fill(String text, Map<String, String> values) {
        String filled = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", value.getValue());
        }
        return filled;
    }

    /** Mutations of the example (see {@link MutatedJson}). */
    public Arbitrary<String> bodies() {
        return MutatedJson.of(example);
    }

    /** One mutated body for each route, in the routes' order: a try of a property then covers every route. */
    public static Arbitrary<List<String>> oneBodyEach(List<FuzzedRoute> routes) {
        return Combinators.combine(routes.stream().map(FuzzedRoute::bodies).toList()).as(List::copyOf);
    }

    /** Sends {@code body} as {@code application/json} to the service on {@code port}. */
    public HttpResponse<String> send(int port, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(name() + " failed to answer " + abbreviated(body), e);
        }
    }

    /** Sends {@code body} and asserts the answer is no server error, and a 4xx is a problem with a code. */
    public void assertHandled(int port, String body) {
        assertHandled(send(port, body), body);
    }

    /** Asserts the answer to {@code body} is no server error, and a 4xx is a problem with a code. */
    public void assertHandled(HttpResponse<String> response, String body) {
        String sent = name() + " with " + abbreviated(body) + " answered " + response.statusCode() + " "
                + abbreviated(response.body());
        assertThat(response.statusCode()).as(sent).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(sent).startsWith("application/problem+json");
            Object code = JsonPath.read(response.body(), "$.code");
            assertThat(code).as(sent).isInstanceOf(String.class);
            assertThat((String) code).as(sent).matches("[A-Z][A-Z0-9_]*");
        }
    }

    /** The first few hundred characters, with control characters escaped, for failure messages. */
    public static String abbreviated(String text) {
        String shown = text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
