package io.secureconnect.auth.password;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.secureconnect.auth.AuthErrorCode;
import io.secureconnect.auth.AuthProperties;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id hashing behind a bulkhead: at most {@code maxConcurrent} hashes run at once, on platform threads of
 * their own. Requests run on virtual threads, which share one carrier thread per core: a CPU-bound hash on a
 * virtual thread would hold a carrier for its whole duration, and two of them would starve every other request
 * on a 2-core machine. On their own threads the hashes are time-sliced by the OS like anything else, and the
 * waiting request thread unmounts. A caller that cannot get a slot within a second gets a 503 with Retry-After.
 */
@Component
public class PasswordHasher {

    private static final Duration ADMISSION_WAIT = Duration.ofSeconds(1);

    private final Argon2PasswordEncoder encoder;
    private final Semaphore slots;
    private final ExecutorService hashing;
    /**
     * Hash of a random password, checked for unknown accounts so a login takes as long either way. Made once the
     * service is ready rather than while it starts: an Argon2id hash in a JVM that is still warming up costs a
     * noticeable part of the start, on a machine where all five services start at once.
     */
    private volatile String decoyHash;

    public PasswordHasher(AuthProperties properties) {
        AuthProperties.PasswordHashing cost = properties.passwordHashing();
        this.encoder = new Argon2PasswordEncoder(16, 32, cost.parallelism(), cost.memoryKib(), cost.iterations());
        this.slots = new Semaphore(cost.maxConcurrent(), true);
        this.hashing = Executors.newFixedThreadPool(cost.maxConcurrent(),
                Thread.ofPlatform().daemon().name("argon2-", 0).factory());
    }

    @EventListener(ApplicationReadyEvent.class)
    void prepareDecoy() {
        hashing.execute(this::decoyHash);
    }

    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            synchronized (this) {
                if (decoyHash == null) {
                    decoyHash = encoder.encode(UUID.randomUUID().toString());
                }
                hash = decoyHash;
            }
        }
        return hash;
    }

    @PreDestroy
    void stop() {
        hashing.shutdownNow();
    }

    public String hash(String password) {
        if (!encodable(password)) {
            throw new ApiException(CommonErrorCode.VALIDATION_FAILED,
                    "The password contains a character that is not valid text (an unpaired surrogate).");
        }
        return guarded(() -> encoder.encode(password));
    }

    /** False for a password that is not valid text: no hash was ever made of one (the encoder would throw). */
    public boolean matches(String password, String hash) {
        return encodable(password) && guarded(() -> encoder.matches(password, hash));
    }

    /** Argon2 hashes a password's UTF-8 bytes, which an unpaired surrogate (JSON can carry one as an escape) has not. */
    private static boolean encodable(String password) {
        return password == null || StandardCharsets.UTF_8.newEncoder().canEncode(password);
    }

    /** Spends the same work as a real check; for accounts that do not exist. */
    public void matchDecoy(String password) {
        matches(password, decoyHash());
    }

    private <T> T guarded(Supplier<T> work) {
        boolean acquired = false;
        try {
            // a short wait: beyond capacity, a quick 503 beats hashing for clients that have already given up
            acquired = slots.tryAcquire(ADMISSION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!acquired) {
                throw new ApiException(AuthErrorCode.AUTH_BUSY, "Too many logins at once, try again shortly.",
                        Map.of(ApiException.RETRY_AFTER, 1));
            }
            return hashing.submit(work::get).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(AuthErrorCode.AUTH_BUSY, "Interrupted while waiting to check the password.");
        } finally {
            if (acquired) {
                slots.release();
            }
        }
    }
}
