package io.secureconnect.auth.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import io.secureconnect.auth.account.Emails;
import io.secureconnect.auth.account.PasswordHasher;
import io.secureconnect.auth.user.User;
import io.secureconnect.auth.user.UserRepository;
import io.secureconnect.common.audit.AuditEvent;
import io.secureconnect.common.audit.AuditLogger;
import io.secureconnect.common.audit.AuditResult;
import io.secureconnect.common.web.ApiException;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses the login of a banned account. It looks at the login body before the login itself runs and answers
 * {@code AUTH_ACCOUNT_BANNED} only when the password is right, so the answer tells a ban to the account's owner and
 * nothing to anyone guessing emails; a wrong password goes on to the normal login and its normal refusal.
 */
@ControllerAdvice
class BannedAccountLogins extends RequestBodyAdviceAdapter {

    private static final String LOGIN = "/api/v1/auth/login";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UserRepository users;
    private final BanRepository bans;
    private final PasswordHasher hasher;
    private final AuditLogger audit;

    BannedAccountLogins(UserRepository users, BanRepository bans, PasswordHasher hasher, AuditLogger audit) {
        this.users = users;
        this.bans = bans;
        this.hasher = hasher;
        this.audit = audit;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(parameter.getExecutable(), RequestMapping.class);
        return mapping != null && Arrays.asList(mapping.path()).contains(LOGIN);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = message.getBody().readAllBytes();
        refuseIfBanned(body);
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }

    private void refuseIfBanned(byte[] body) {
        JsonNode credentials;
        try {
            credentials = JSON.readTree(body);
        } catch (JacksonException e) {
            return; // the login's own parsing answers malformed bodies
        }
        if (credentials == null || !credentials.path("email").isString() || !credentials.path("password").isString()) {
            return;
        }
        User user = users.findByEmail(Emails.normalize(credentials.path("email").asString())).orElse(null);
        if (user == null) {
            return;
        }
        Ban ban = bans.findActive(user.id(), Instant.now()).orElse(null);
        if (ban != null && hasher.matches(credentials.path("password").asString(), user.passwordHash())) {
            audit.record(AuditEvent.of("auth.login", AuditResult.DENIED).user(user.id()).resource("user:" + user.id())
                    .reason("account banned"));
            throw new ApiException(AdminErrorCode.AUTH_ACCOUNT_BANNED,
                    ban.until() == null ? "This account is banned." : "This account is banned until " + ban.until() + ".",
                    ban.until() == null ? Map.of() : Map.of("bannedUntil", ban.until().toString()));
        }
    }
}
