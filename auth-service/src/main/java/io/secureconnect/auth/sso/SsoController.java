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
import io.secureconnect.common.apidocs.ApiErrors;
import io.secureconnect.common.security.Caller;
import io.secureconnect.common.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Single Sign-On", description = "Signing in through an OpenID Connect provider (the browser is redirected"
        + " there and back), and a user's connected providers.")
class SsoController {

    private static final String COOKIE = "The `sc_sso` cookie (HttpOnly, SameSite=Lax, path `/api/v1/auth/sso`) that"
            + " binds the sign-in to this browser; the browser sends it by itself.";

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

    @Schema(name = "SsoProvider")
    record Provider(@Schema(description = "Goes into the provider's paths", example = "acme") String id,
                    @Schema(description = "For the sign-in button", example = "Acme Workspace") String name) {
    }

    @Schema(name = "SsoProviderList")
    record ProviderList(List<Provider> items) {
    }

    @Schema(name = "SsoConnectionList")
    record ConnectionList(List<SsoConnections.Connected> items) {
    }

    @Schema(name = "SsoCompleteRequest")
    record CompleteRequest(@Schema(description = "From the `ticket` of the `/sso/complete` page's address",
                                   example = "Vt8mQ2xR5kLp0nZc7YwB3sHd9fJ1gA4eU6iO2rTq8yE")
                           @NotBlank @Size(max = 100) String ticket,
                           @Schema(description = "Names the session in the list of devices",
                                   example = "Firefox on Ann's laptop", nullable = true)
                           @Size(max = 100) String deviceName) {
    }

    @Schema(name = "SsoLinkRequest")
    record LinkRequest(@Schema(description = "From the `ticket` of the `/sso/link` page's address",
                               example = "Vt8mQ2xR5kLp0nZc7YwB3sHd9fJ1gA4eU6iO2rTq8yE")
                       @NotBlank @Size(max = 100) String ticket,
                       @Schema(description = "The password of the account that has the provider's email",
                               example = "correct horse battery staple")
                       @NotNull @Size(max = 128) String password,
                       @Schema(description = "Names the session in the list of devices",
                               example = "Firefox on Ann's laptop", nullable = true)
                       @Size(max = 100) String deviceName) {
    }

    @Schema(name = "SsoLinkStart")
    record LinkStart(@Schema(description = "Open it in this browser (one use, 2 minutes)",
                             example = "https://chat.example.com/api/v1/auth/sso/acme/start"
                                     + "?link=Vt8mQ2xR5kLp0nZc7YwB3sHd9fJ1gA4eU6iO2rTq8yE")
                     String url) {
    }

    @Operation(operationId = "listSsoProviders", summary = "The single sign-on providers",
            description = "One sign-in button each; empty when none is configured.")
    @ApiErrors({})
    @GetMapping("/api/v1/auth/sso/providers")
    ProviderList providers() {
        return new ProviderList(providers.all().stream().map(p -> new Provider(p.id(), p.name())).toList());
    }

    @Operation(operationId = "startSsoLogin", summary = "Start signing in through a provider (browser redirect)",
            description = "A browser navigation, not a fetch: answers 302 to the provider's authorization address"
                    + " with a fresh `state`, `nonce` and PKCE challenge, kept here and bound to this browser by the"
                    + " `sc_sso` cookie it sets. With `link` (from `startSsoLink`) the sign-in connects the provider"
                    + " to the signed-in account instead. When the provider cannot be reached the answer is a 503"
                    + " problem, not a redirect.")
    @ApiResponse(responseCode = "302", description = "To the provider's authorization address", headers = {
            @Header(name = "Location", description = "The provider's authorization address",
                    schema = @Schema(type = "string", format = "uri")),
            @Header(name = "Set-Cookie", description = "`sc_sso`, binding the sign-in to this browser",
                    schema = @Schema(type = "string"))})
    @ApiErrors({"SSO_UNKNOWN_PROVIDER", "SSO_TICKET_INVALID", "SSO_PROVIDER_UNAVAILABLE"})
    @GetMapping("/api/v1/auth/sso/{provider}/start")
    ResponseEntity<Void> start(@Parameter(description = "A provider's `id`", example = "acme")
                               @PathVariable String provider,
                               @Parameter(description = "The one-time ticket of `startSsoLink`'s address: connect the"
                                       + " provider to that account") @RequestParam(required = false) String link,
                               @Parameter(description = COOKIE)
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

    @Operation(operationId = "handleSsoCallback", summary = "The provider's redirect back (browser redirect)",
            description = "Where the provider sends the browser after the sign-in; not called by clients. Always"
                    + " answers 302: to `/sso/complete?ticket=…` or `/sso/link?ticket=…&provider=…` (with a fresh"
                    + " `sc_sso` cookie the ticket is bound to), to `/sso/complete?linked=<provider>` after connecting"
                    + " a provider, or to `/sso/error?code=…` with one of `SSO_STATE_INVALID`, `SSO_TOKEN_INVALID`,"
                    + " `SSO_EMAIL_UNVERIFIED`, `SSO_PROVIDER_ERROR`, `SSO_PROVIDER_UNAVAILABLE`, `SSO_IDENTITY_TAKEN`"
                    + " (audited).",
            parameters = {
                    @Parameter(name = "state", in = ParameterIn.QUERY, description = "The sign-in's `state`",
                            schema = @Schema(type = "string")),
                    @Parameter(name = "code", in = ParameterIn.QUERY,
                            description = "The provider's authorization code", schema = @Schema(type = "string")),
                    @Parameter(name = "error", in = ParameterIn.QUERY,
                            description = "The provider's OAuth error code, instead of `code`",
                            schema = @Schema(type = "string", example = "access_denied"))})
    @ApiResponse(responseCode = "302", description = "To a page of the web client", headers = {
            @Header(name = "Location", description = "`/sso/complete`, `/sso/link` or `/sso/error`, with their query",
                    schema = @Schema(type = "string", format = "uri")),
            @Header(name = "Set-Cookie", description = "A fresh `sc_sso` bound to the ticket, or `sc_sso` cleared",
                    schema = @Schema(type = "string"))})
    @ApiErrors({})
    @GetMapping("/api/v1/auth/sso/{provider}/callback")
    ResponseEntity<Void> callback(@Parameter(description = "A provider's `id`", example = "acme")
                                  @PathVariable String provider,
                                  @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
                                  @Parameter(description = COOKIE)
                                  @CookieValue(name = SsoCookie.NAME, required = false) String cookie) {
        return found(redirects.callback(provider, parameters, cookie));
    }

    @Operation(operationId = "completeSsoLogin", summary = "Finish signing in through a provider",
            description = "Redeems the one-time ticket (2 minutes) of the `/sso/complete` page, in the browser that"
                    + " holds its `sc_sso` cookie, for the login shape. Signing in through a provider never asks for"
                    + " our own second factor.")
    @ApiErrors({"SSO_TICKET_INVALID", "AUTH_ACCOUNT_BANNED"})
    @PostMapping("/api/v1/auth/sso/complete")
    LoginResult complete(@Valid @RequestBody CompleteRequest request,
                         @Parameter(description = COOKIE)
                         @CookieValue(name = SsoCookie.NAME, required = false) String cookie, HttpServletRequest http) {
        return tickets.complete(request.ticket(), cookie, origin(request.deviceName(), http));
    }

    @Operation(operationId = "linkSsoIdentity", summary = "Connect a provider to your account with your password, and"
            + " sign in", description = "For the `/sso/link` page: the provider's email belongs to an existing account,"
            + " whose password proves the user owns it (under the login lockout); the provider is then connected and"
            + " a session opened. An account with a second factor must sign in first and connect the provider in"
            + " Settings.")
    @ApiErrors({"SSO_TICKET_INVALID", "SSO_SIGN_IN_FIRST", "SSO_IDENTITY_TAKEN", "AUTH_INVALID_CREDENTIALS",
            "AUTH_LOCKED", "AUTH_BUSY", "AUTH_ACCOUNT_BANNED"})
    @PostMapping("/api/v1/auth/sso/link")
    LoginResult link(@Valid @RequestBody LinkRequest request,
                     @Parameter(description = COOKIE)
                     @CookieValue(name = SsoCookie.NAME, required = false) String cookie, HttpServletRequest http) {
        return tickets.link(request.ticket(), request.password(), cookie, origin(request.deviceName(), http));
    }

    @Operation(operationId = "listSsoConnections", summary = "Your connected providers")
    @ApiErrors({})
    @GetMapping("/api/v1/users/me/sso")
    ConnectionList connected(Caller caller) {
        return new ConnectionList(connections.of(caller.userId()));
    }

    @Operation(operationId = "startSsoLink", summary = "Start connecting a provider to your account",
            description = "A one-time `startSsoLogin` address (2 minutes) that connects the provider to this account,"
                    + " good only in the browser holding the `sc_sso` cookie set with it (elsewhere it answers"
                    + " `SSO_TICKET_INVALID`). Needs a verified email.")
    @ApiResponse(responseCode = "200", description = "The address to open", headers = @Header(name = "Set-Cookie",
            description = "`sc_sso`, which the address is bound to", schema = @Schema(type = "string")))
    @ApiErrors({"SSO_UNKNOWN_PROVIDER", "SSO_EMAIL_UNVERIFIED", "NOT_FOUND"})
    @PostMapping("/api/v1/users/me/sso/{provider}/link")
    ResponseEntity<LinkStart> linkWhileSignedIn(@Parameter(description = "A provider's `id`", example = "acme")
                                                @PathVariable String provider, Caller caller) {
        String binding = OpaqueTokens.generate(); // the address works only in this browser (the fetch is same-origin)
        String url = connections.linkStart(caller.userId(), provider, OpaqueTokens.hash(binding));
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, redirects.ticketCookie(binding))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(new LinkStart(url));
    }

    @Operation(operationId = "disconnectSsoProvider", summary = "Disconnect a provider from your account",
            description = "The sessions opened by signing in there end too. An account without a password cannot"
                    + " disconnect its last provider.")
    @ApiErrors({"NOT_FOUND", "SSO_LAST_SIGN_IN_METHOD"})
    @DeleteMapping("/api/v1/users/me/sso/{provider}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disconnect(@Parameter(description = "A provider's `id`", example = "acme") @PathVariable String provider,
                    Caller caller) {
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
