package io.secureconnect.auth.user;

import java.util.UUID;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The user directory, starting with the caller's own profile. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final UserRepository users;

    UserController(UserRepository users) {
        this.users = users;
    }

    @GetMapping("/me")
    UserProfile me(@AuthenticationPrincipal Jwt token) {
        return users.findById(UUID.fromString(token.getSubject()))
                .map(UserProfile::of)
                .orElseThrow(() -> new ApiException(CommonErrorCode.NOT_FOUND, "This account no longer exists."));
    }
}
