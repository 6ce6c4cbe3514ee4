package io.secureconnect.auth.admin;

import io.secureconnect.auth.mfa.MfaPolicy;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditLogger;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link AdminAccess} in front of every admin route. */
@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration implements WebMvcConfigurer {

    private final AuditLogger audit;
    private final UserRepository users;
    private final MfaPolicy mfaPolicy;

    AdminWebConfiguration(AuditLogger audit, UserRepository users, MfaPolicy mfaPolicy) {
        this.audit = audit;
        this.users = users;
        this.mfaPolicy = mfaPolicy;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AdminAccess(audit, users, mfaPolicy)).addPathPatterns("/api/v1/admin/**");
    }
}
