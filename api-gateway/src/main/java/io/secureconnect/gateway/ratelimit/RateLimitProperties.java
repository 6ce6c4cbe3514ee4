package io.secureconnect.gateway.ratelimit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request budgets at the edge, as token buckets (a steady rate plus a burst).
 *
 * @param user           per authenticated user, on every route
 * @param ip             per client address, for requests without a token
 * @param sensitive      per client address on {@code sensitivePaths} (login, register, password reset, verification
 *                       resend, passkey sign-in, second-factor answers, single sign-on's ticket and link: each may
 *                       send a mail, try a password or a code, or store a challenge), much stricter
 * @param sensitivePaths path patterns guarded by {@code sensitive}
 */
@ConfigurationProperties("secureconnect.gateway.rate-limit")
public record RateLimitProperties(Budget user, Budget ip, Budget sensitive,
        @DefaultValue({"/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/auth/password-reset/**",
                "/api/v1/auth/verify-email/resend", "/api/v1/auth/passkey/**", "/api/v1/auth/mfa/**",
                "/api/v1/auth/sso/complete", "/api/v1/auth/sso/link"})
        List<String> sensitivePaths) {

    public RateLimitProperties {
        user = user != null ? user : new Budget(20, 40);
        ip = ip != null ? ip : new Budget(10, 20);
        sensitive = sensitive != null ? sensitive : new Budget(0.2, 10);
    }

    /**
     * @param perSecond tokens added per second (0.2 = 12 a minute)
     * @param burst     bucket capacity: requests allowed at once after a quiet time
     */
    public record Budget(double perSecond, int burst) {

        /** A budget missing either half would refuse everything or break the bucket arithmetic: fail at startup. */
        public Budget {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("a rate-limit budget needs per-second > 0 and burst >= 1, got "
                        + perSecond + " and " + burst);
            }
        }
    }
}
