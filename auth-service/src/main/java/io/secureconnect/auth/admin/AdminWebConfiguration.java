package io.secureconnect.auth.admin;

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

    AdminWebConfiguration(AuditLogger audit, UserRepository users) {
        this.audit = audit;
        this.users = users;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AdminAccess(audit, users)).addPathPatterns("/api/v1/admin/**");
    }
}
