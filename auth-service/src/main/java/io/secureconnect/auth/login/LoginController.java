package io.secureconnect.auth.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.secureconnect.common.apidocs.ApiErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/login}: the request and where it came from, as a {@link LogIn} for {@link LoggingIn}. */
@RestController
// the feature logging in shares with the session routes: the same tag, word for word, as SessionController's
@Tag(name = "Sessions", description = "Logging in with a password, refreshing tokens, logging out, and the list of"
        + " one's sessions.")
class LoginController {

    private final LoggingIn loggingIn;

    LoginController(LoggingIn loggingIn) {
        this.loggingIn = loggingIn;
    }

    @Operation(operationId = "login", summary = "Log in with email and password",
            description = "Answers the tokens of a new session, or, when the account has a second factor,"
                    + " `{mfaRequired: true, mfaToken, methods, expiresIn}` and no token: answer the challenge with"
                    + " the second factor within `expiresIn` seconds. `mfaEnrolmentRequired: true` marks tokens"
                    + " limited to enrolling a second factor. An unknown email and a wrong password are answered"
                    + " alike (`AUTH_INVALID_CREDENTIALS`); repeated failures lock the email and the address for a"
                    + " while (`AUTH_LOCKED`, with `Retry-After`).")
    // examples here rather than on LoginResult, whose two shapes the second factor, passkey and SSO sign-ins share
    @ApiResponse(responseCode = "200", description = "A new session's tokens, or the second factor's challenge",
            content = @Content(schema = @Schema(implementation = LoginResult.class), examples = {
                    @ExampleObject(name = "signedIn", summary = "Tokens of a new session",
                            description = "No second factor on the account: a session is open", value = """
                            {"accessToken": "eyJhbGciOiJFUzI1NiIsImtpZCI6Ik1rUTcifQ.eyJzdWIiOiIyNWU2NTdjYyJ9.c2lnbmF0dXJl",
                             "refreshToken": "IuMXXAVZv04NKuLTL31mMmQKgHJRz2A5HbZM7qd_qP0", "tokenType": "Bearer",
                             "expiresIn": 900}"""),
                    @ExampleObject(name = "secondFactorRequired", summary = "The account has a second factor",
                            description = "No token yet: answer with one of `methods` using `mfaToken`",
                            value = """
                            {"mfaRequired": true, "mfaToken": "X1b0tBq5m2PjY8dWc3Zr9nK4sLfH6uVaE7gQiTo0RyM",
                             "methods": ["totp", "recovery", "passkey"], "expiresIn": 300}""")}))
    @ApiErrors({"AUTH_INVALID_CREDENTIALS", "AUTH_LOCKED", "AUTH_BUSY", "AUTH_SSO_REQUIRED", "AUTH_ACCOUNT_BANNED"})
    @PostMapping("/api/v1/auth/login")
    LoginResult login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return loggingIn.logIn(new LogIn(request.email(), request.password(), request.deviceName(),
                http.getRemoteAddr(), http.getHeader("User-Agent")));
    }
}
