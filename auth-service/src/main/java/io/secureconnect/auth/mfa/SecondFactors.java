package io.secureconnect.auth.mfa;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.stereotype.Component;

/** Every {@link SecondFactor} bean (TOTP, recovery codes, passkeys when present), in the order methods are listed. */
@Component
public class SecondFactors {

    private final List<SecondFactor> factors;

    SecondFactors(List<SecondFactor> factors) {
        this.factors = List.copyOf(factors);
    }

    /** The methods the account can answer a challenge with now. */
    public List<String> methodsFor(UUID userId) {
        return factors.stream().filter(factor -> factor.enabledFor(userId)).map(SecondFactor::method).toList();
    }

    /** Whether the account has a second factor at all. */
    public boolean anyFor(UUID userId) {
        return factors.stream().anyMatch(factor -> factor.enabledFor(userId));
    }

    /** How many of {@code method} the account has (0 when no such factor is installed). */
    public int countFor(UUID userId, String method) {
        return named(method).map(factor -> factor.countFor(userId)).orElse(0);
    }

    public Optional<SecondFactor> named(String method) {
        return factors.stream().filter(factor -> factor.method().equals(method)).findFirst();
    }

    /** Removes every second factor of the account (an administrator's reset). */
    public void resetAll(UUID userId) {
        factors.forEach(factor -> factor.reset(userId));
    }

    /** The factor whose form {@code answer} has; 400 when it has none of them (exactly one of code or passkey). */
    SecondFactor answering(MfaAnswer answer) {
        if (answer == null || (answer.code() == null) == (answer.passkey() == null)) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED, "Give either a code or a passkey.");
        }
        return factors.stream().filter(factor -> factor.accepts(answer)).findFirst()
                .orElseThrow(() -> new ApiException(CommonErrorCode.VALIDATION_FAILED,
                        answer.passkey() != null ? "Passkeys are not available."
                                : "A code is 6 digits, or a recovery code like abcde-fghij."));
    }
}
