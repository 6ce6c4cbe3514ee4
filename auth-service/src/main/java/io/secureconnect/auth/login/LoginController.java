package io.secureconnect.auth.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/login}: the request and where it came from, as a {@link LogIn} for {@link LoggingIn}. */
@RestController
class LoginController {

    private final LoggingIn loggingIn;

    LoginController(LoggingIn loggingIn) {
        this.loggingIn = loggingIn;
    }

    @PostMapping("/api/v1/auth/login")
    LoginResult login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return loggingIn.logIn(new LogIn(request.email(), request.password(), request.deviceName(),
                http.getRemoteAddr(), http.getHeader("User-Agent")));
    }
}
