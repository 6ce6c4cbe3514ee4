package io.secureconnect.auth.sso;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.secureconnect.auth.login.LoginResult;
import io.secureconnect.auth.session.SessionOrigin;
import io.secureconnect.auth.token.OpaqueTokens;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The routes of single sign-on (docs/identity.md, Single sign-on). */
@RestController
class SsoController {

    private final ProviderDirectory providers;
    private final SsoRedirects redirects;
    private final SsoTickets tickets;
    private final SsoConnections connections;

    SsoController(ProviderDirectory providers, SsoRedirects redirects, SsoTickets tickets,
                  SsoConnections connections) {
        this.providers = providers;
        this.redirects = redirects;
        this.tickets = tickets;
        this.connections = connections;
    }

    record Provider(String id, String name) {
    }

    record Items<T>(List<T> items) {
    }

    record CompleteRequest(@NotBlank @Size(max = 100) String ticket, @Size(max = 100) String deviceName) {
    }

    record LinkRequest(@NotBlank @Size(max = 100) String ticket, @NotNull @Size(max = 128) String password,
                       @Size(max = 100) String deviceName) {
    }

    record LinkStart(String url) {
    }

    @GetMapping("/api/v1/auth/sso/providers")
    Items<Provider> providers() {
        return new Items<>(providers.all().stream().map(p -> new Provider(p.id(), p.name())).toList());
    }

    @GetMapping("/api/v1/auth/sso/{provider}/start")
    ResponseEntity<Void> start(@PathVariable String provider, @RequestParam(required = false) String link,
                               @CookieValue(name = SsoCookie.NAME, required = false) String cookie) {
        try {
            SsoRedirects.Redirect redirect = redirects.start(provider, link, cookie);
            return found(redirect);
        } catch (SsoFailure failure) {
            throw new ApiException(failure.code(), failure.code() == SsoErrorCode.SSO_PROVIDER_UNAVAILABLE
                    ? "The sign-in provider cannot be reached; try again shortly."
                    : "This sign-in cannot start; start again from the sign-in page.");
        }
    }

    @GetMapping("/api/v1/auth/sso/{provider}/callback")
    ResponseEntity<Void> callback(@PathVariable String provider, @RequestParam Map<String, String> parameters,
                                  @CookieValue(name = SsoCookie.NAME, required = false) String cookie) {
        return found(redirects.callback(provider, parameters, cookie));
    }

    @PostMapping("/api/v1/auth/sso/complete")
    LoginResult complete(@Valid @RequestBody CompleteRequest request,
                         @CookieValue(name = SsoCookie.NAME, required = false) String cookie, HttpServletRequest http) {
        return tickets.complete(request.ticket(), cookie, origin(request.deviceName(), http));
    }

    @PostMapping("/api/v1/auth/sso/link")
    LoginResult link(@Valid @RequestBody LinkRequest request,
                     @CookieValue(name = SsoCookie.NAME, required = false) String cookie, HttpServletRequest http) {
        return tickets.link(request.ticket(), request.password(), cookie, origin(request.deviceName(), http));
    }

    @GetMapping("/api/v1/users/me/sso")
    Items<SsoConnections.Connected> connected(Caller caller) {
        return new Items<>(connections.of(caller.userId()));
    }

    @PostMapping("/api/v1/users/me/sso/{provider}/link")
    ResponseEntity<LinkStart> linkWhileSignedIn(@PathVariable String provider, Caller caller) {
        String binding = OpaqueTokens.generate(); // the address works only in this browser (the fetch is same-origin)
        String url = connections.linkStart(caller.userId(), provider, OpaqueTokens.hash(binding));
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, redirects.ticketCookie(binding))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(new LinkStart(url));
    }

    @DeleteMapping("/api/v1/users/me/sso/{provider}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disconnect(@PathVariable String provider, Caller caller) {
        connections.disconnect(caller.userId(), provider);
    }

    private static ResponseEntity<Void> found(SsoRedirects.Redirect redirect) {
        return ResponseEntity.status(HttpStatus.FOUND).location(redirect.location())
                .header(HttpHeaders.SET_COOKIE, redirect.cookie()).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static SessionOrigin origin(String deviceName, HttpServletRequest http) {
        return new SessionOrigin(deviceName, http.getHeader("User-Agent"), http.getRemoteAddr());
    }
}
