package io.secureconnect.bench.auth;

import io.secureconnect.bench.BenchContext;
import io.secureconnect.bench.Benchmark;
import io.secureconnect.bench.BenchmarkFailure;
import io.secureconnect.bench.auth.AuthClient.Credentials;
import io.secureconnect.bench.auth.AuthClient.Tokens;
import io.secureconnect.bench.load.FailureKind;
import io.secureconnect.bench.load.HttpOperations;
import io.secureconnect.bench.load.LatencyStats;
import io.secureconnect.bench.load.LoadOutcome;
import io.secureconnect.bench.load.LoadProfile;
import io.secureconnect.bench.load.Operation;
import io.secureconnect.bench.report.BenchmarkResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What a login costs and whether it hurts everyone else. A login is an Argon2id check (19 MiB, 2 iterations), run
 * behind a bulkhead of a few concurrent hashes (auth-service's {@code SC_AUTH_MAX_CONCURRENT_HASHES}); a token-only
 * request is a signature, a revocation lookup and one small query. Three phases, each with the usual warmup: logins
 * alone (their rate and latency), sign-ins with TOTP at the same rate (the password step, then
 * {@code POST /mfa/verify} with a fresh code: what the second factor adds), logins and {@code GET /users/me} at the
 * same time (does hashing starve token-only requests?), and {@code /users/me} alone as the baseline.
 *
 * <p>Setup registers a fresh account with a random strong passphrase and logs in once; the load only ever sends
 * that right password, so no lockout or failure throttling can start. Each users/me phase gets a fresh token from a
 * login just before it; after an overloaded phase that login is retried for up to a minute, and if the service does
 * not recover the phases measured so far are reported. At the end the account is deleted (best effort), which also
 * ends the sessions the logins opened. The TOTP phase has accounts of its own ({@link TotpAccounts}: the service
 * accepts each 30-second code of an account once), enrolled during setup and deleted at the end; against a service
 * without TOTP it is skipped.
 */
public final class LoginBenchmark implements Benchmark {

    static final String DEFAULT_BASE = "http://127.0.0.1:8081";
    /** Logins per second without --rate: below what one hash slot serves on 2 cores, so phase A measures the cost. */
    static final double DEFAULT_LOGIN_RATE = 10;
    static final double DEFAULT_ME_RATE = 100;

    static final String LOGIN = "login";
    static final String LOGIN_TOTP = "login + TOTP";
    static final String LOGIN_SATURATING = "login (saturating)";
    static final String ME_DURING_LOGINS = "users/me during logins";
    static final String ME_ALONE = "users/me alone";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** How long a login between phases (or the final deletion) may keep meeting a busy service. */
    static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "login";
    }

    @Override
    public String description() {
        return "POST /api/v1/auth/login (Argon2id) alone, then sign-ins with TOTP (login + POST /api/v1/auth/mfa/verify), "
                + "then logins together with GET /api/v1/users/me (token only), then /users/me alone; --rate is "
                + "logins/s and defaults to %.0f here.".formatted(DEFAULT_LOGIN_RATE);
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("base", "auth-service or gateway base URL (env SC_BENCH_AUTH, default " + DEFAULT_BASE + ")");
        options.put("me-rate", "GET /users/me per second in the last two phases (default %.0f)"
                .formatted(DEFAULT_ME_RATE));
        return options;
    }

    @Override
    public List<BenchmarkResult> run(BenchContext context) throws Exception {
        URI base = context.uriOption("base", "SC_BENCH_AUTH", DEFAULT_BASE);
        LoadProfile logins = context.profileWithDefaultRate(DEFAULT_LOGIN_RATE);
        LoadProfile me = logins.withRate(positiveNumber("me-rate", context.option("me-rate", null, null),
                DEFAULT_ME_RATE));
        AuthClient auth = new AuthClient(context.http(), base, logins.timeout());
        requireAnswering(context, auth);

        Credentials account = Credentials.random();
        context.progress("setup: registering " + account.email() + " at " + base);
        auth.register(account);
        Tokens tokens = loginWhenReady(context, auth, account, "setup");
        requireLongEnough(tokens, me);
        Operation login = HttpOperations.send(context.http(), auth.loginRequest(account), logins.timeout());
        String loginTarget = "POST " + auth.uri(AuthClient.LOGIN) + " (" + account.email() + ")";
        String meTarget = "GET " + auth.uri(AuthClient.ME) + " (bearer token)";
        List<BenchmarkResult> results = new ArrayList<>();
        TotpAccounts totp = null;
        try {
            totp = totpAccounts(context, auth, tokens.accessToken(), logins);
            // A: logins alone
            results.add(context.measure(LOGIN, loginTarget, logins, login));

            // A2: sign-ins with TOTP at the same rate, beside A: the password step, then the second factor
            if (totp != null) {
                TotpAccounts pool = totp;
                results.add(context.measure(LOGIN_TOTP, "POST " + auth.uri(AuthClient.LOGIN) + " + POST "
                        + auth.uri(AuthClient.MFA_VERIFY) + " (" + pool.all().size() + " TOTP accounts in turn)",
                        logins, () -> auth.loginWithTotp(pool.next())));
            }

            // B: the same logins and token-only requests at once; a fresh token, so it outlives the phase. After an
            // overloaded phase the service may need a while: then the phases so far are reported, not thrown away
            tokens = loginWhenReady(context, auth, account, "before phase B");
            Operation meDuring = meOperation(context, auth, tokens.accessToken(), me.timeout());
            results.addAll(concurrently(
                    () -> context.measure(LOGIN_SATURATING, loginTarget, logins, login),
                    () -> context.measure(ME_DURING_LOGINS, meTarget, me, meDuring)));

            // C: token-only requests alone, the baseline
            tokens = loginWhenReady(context, auth, account, "before phase C");
            results.add(context.measure(ME_ALONE, meTarget, me,
                    meOperation(context, auth, tokens.accessToken(), me.timeout())));
        } catch (BenchmarkFailure e) {
            if (results.isEmpty()) {
                throw e;
            }
            context.progress(e.getMessage() + "; reporting the phases measured so far");
        } finally {
            if (totp != null) {
                for (TotpAccounts.Account enrolled : totp.all()) {
                    deleteWhenReady(context, auth, enrolled.credentials(), enrolled.accessToken());
                }
            }
            deleteWhenReady(context, auth, account, tokens.accessToken());
        }
        return results;
    }

    /**
     * The accounts of the TOTP phase, registered and enrolled now so the phase measures sign-ins only; null when the
     * service has no TOTP ({@code GET /users/me/mfa} is 404).
     */
    private static TotpAccounts totpAccounts(BenchContext context, AuthClient auth, String accessToken,
                                             LoadProfile phase) throws Exception {
        if (!auth.offersTotp(accessToken)) {
            context.progress("setup: this auth-service has no TOTP (GET /users/me/mfa is 404): no login + TOTP phase");
            return null;
        }
        int size = TotpAccounts.poolSize(phase.ratePerSecond(), phase.warmup().plus(phase.duration()).toSeconds());
        context.progress("setup: registering and enrolling " + size + " TOTP accounts (each signs in at most once "
                + "per 30 s code)");
        List<Callable<TotpAccounts.Account>> enrolments = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            enrolments.add(() -> {
                Credentials credentials = Credentials.random();
                auth.register(credentials);
                Tokens tokens = loginWhenReady(context, auth, credentials, "TOTP setup");
                byte[] secret = auth.enrolTotp(tokens.accessToken()).orElseThrow(
                        () -> new BenchmarkFailure("TOTP enrolment vanished during setup"));
                // the confirmation used the code of its step: the phase starts after it
                long confirmed = Math.floorDiv(Instant.now().getEpochSecond(), TotpAccounts.STEP_SECONDS);
                return new TotpAccounts.Account(credentials, secret, tokens.accessToken(),
                        new AtomicLong(confirmed));
            });
        }
        List<TotpAccounts.Account> accounts = new ArrayList<>();
        try (ExecutorService setup = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("bench-totp-", 1)
                .factory())) {
            for (Future<TotpAccounts.Account> enrolled : setup.invokeAll(enrolments)) {
                try {
                    accounts.add(enrolled.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        return new TotpAccounts(accounts);
    }

    /**
     * A login outside the load, tried again while the service is busy (an earlier phase may have left a queue of
     * hashes and a full heap behind) for up to {@link #RECOVERY}. Only ever with the right password.
     */
    private static Tokens loginWhenReady(BenchContext context, AuthClient auth, Credentials account, String when)
            throws BenchmarkFailure, InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return auth.login(account);
            } catch (AuthClient.Busy busy) {
                if (System.nanoTime() - deadline > 0) {
                    throw new BenchmarkFailure("auth-service accepted no login %s within %d s (last: %s)"
                            .formatted(when, RECOVERY.toSeconds(), busy.getMessage()));
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    context.progress("%s: auth-service is busy (%s); trying again every %d s for up to %d s"
                            .formatted(when, busy.getMessage(), RETRY_PAUSE.toSeconds(), RECOVERY.toSeconds()));
                }
                Thread.sleep(RETRY_PAUSE);
            }
        }
    }

    /** Best effort, with the same patience: a benchmark account that stays behind harms nothing but is clutter. */
    private static void deleteWhenReady(BenchContext context, AuthClient auth, Credentials account, String accessToken)
            throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        String problem;
        while (true) {
            try {
                auth.delete(account, accessToken);
                context.progress("cleanup: deleted " + account.email());
                return;
            } catch (AuthClient.Busy busy) {
                problem = busy.getMessage();
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
                Thread.sleep(RETRY_PAUSE);
            } catch (BenchmarkFailure failure) {
                problem = failure.getMessage();
                break;
            }
        }
        context.progress("cleanup: could not delete " + account.email() + " (" + problem
                + "); it stays in the database");
    }

    @Override
    public List<String> notes(List<BenchmarkResult> results) {
        Map<String, BenchmarkResult> byLabel = results.stream()
                .collect(Collectors.toMap(BenchmarkResult::label, result -> result, (a, b) -> a));
        List<String> notes = new ArrayList<>();
        Optional.ofNullable(byLabel.get(LOGIN)).map(LoginBenchmark::loginCost).ifPresent(notes::add);
        Optional.ofNullable(byLabel.get(LOGIN_TOTP)).map(withTotp -> secondFactorCost(byLabel.get(LOGIN), withTotp))
                .ifPresent(notes::add);
        BenchmarkResult saturating = byLabel.get(LOGIN_SATURATING);
        if (saturating != null) {
            notes.add(loginRate("While users/me ran too", saturating));
        } else if (byLabel.containsKey(LOGIN)) {
            notes.add(notRun("Phases B and C (logins with users/me, users/me alone)", "A"));
        }
        if (saturating != null && !byLabel.containsKey(ME_ALONE)) {
            notes.add(notRun("Phase C (users/me alone)", "B"));
        }
        BenchmarkResult during = byLabel.get(ME_DURING_LOGINS);
        BenchmarkResult alone = byLabel.get(ME_ALONE);
        if (during != null && alone != null && during.outcome().latencyMillis().count() > 0
                && alone.outcome().latencyMillis().count() > 0) {
            LatencyStats busy = during.outcome().latencyMillis();
            LatencyStats idle = alone.outcome().latencyMillis();
            notes.add(String.format(Locale.ROOT,
                    "users/me p99 during logins / alone: %.3f ms / %.3f ms = ×%.2f (p50 %.3f ms vs %.3f ms; "
                            + "%d vs %d errors).",
                    busy.p99(), idle.p99(), idle.p99() > 0 ? busy.p99() / idle.p99() : Double.NaN, busy.p50(),
                    idle.p50(), during.outcome().failed(), alone.outcome().failed()));
        }
        return notes;
    }

    /**
     * Phase A's p50 as the cost of one login, which is mostly the Argon2 check, when phase A kept up; a saturated
     * phase A measures its queue instead.
     */
    static String loginCost(BenchmarkResult login) {
        LoadOutcome outcome = login.outcome();
        double p50 = outcome.latencyMillis().p50();
        String rate = loginRate("Logins alone", login);
        if (outcome.latencyMillis().count() == 0) {
            return rate;
        }
        if (saturated(login)) {
            boolean onlyTimeouts = outcome.failed() > 0 && outcome.errorCount(FailureKind.TIMEOUT) == outcome.failed();
            return rate + String.format(Locale.ROOT, " Phase A did not keep up, so its p50 (%.3f ms) includes "
                    + "queueing for a hash slot: rerun with a lower --rate to estimate the cost of one login.", p50)
                    + (onlyTimeouts ? " Every failure was a client timeout: the service may have spent its hash "
                    + "slots on logins whose clients had already given up (its queue waits up to 5 s before a 503 "
                    + "AUTH_BUSY); a longer --timeout lets those 503s through." : "");
        }
        // Little's law: logins in progress on average; near zero, p50 is one login on an otherwise idle service
        double overlap = login.parameters().ratePerSecond() * outcome.latencyMillis().mean() / 1000;
        return rate + String.format(Locale.ROOT,
                " Estimated Argon2id cost per login: at most %.1f ms (the login p50, which also holds a few small "
                        + "queries and a token signature). On average %.2f logins were in progress (rate × mean "
                        + "latency)%s Each concurrent hash slot (SC_AUTH_MAX_CONCURRENT_HASHES on auth-service) can "
                        + "then serve about %.0f logins/s, fewer when the hashes share the cores with other work.",
                p50, overlap, overlap < 0.5 ? ", so they rarely overlapped and p50 is close to the bare cost."
                        : ", so p50 also holds time spent sharing the CPU or waiting for a hash slot: a lower --rate "
                        + "gives a tighter estimate.",
                1000 / p50);
    }

    /** Password only beside password + TOTP, at the same rate: what the second request of a sign-in adds. */
    static String secondFactorCost(BenchmarkResult passwordOnly, BenchmarkResult withTotp) {
        LatencyStats totp = withTotp.outcome().latencyMillis();
        String line = String.format(Locale.ROOT, "Sign-in with TOTP (login, then POST /mfa/verify): p50 %.3f ms, "
                        + "p99 %.3f ms, %.2f successful sign-ins/s of %s/s intended",
                totp.p50(), totp.p99(), withTotp.outcome().goodputPerSecond(),
                number(withTotp.parameters().ratePerSecond()));
        if (passwordOnly == null || passwordOnly.outcome().latencyMillis().count() == 0 || totp.count() == 0) {
            return line + ".";
        }
        LatencyStats password = passwordOnly.outcome().latencyMillis();
        if (saturated(passwordOnly) || saturated(withTotp)) {
            return line + String.format(Locale.ROOT, "; password only: p50 %.3f ms, p99 %.3f ms. %s did not keep up, "
                            + "so the difference is queueing, not the second factor: rerun with a lower --rate.",
                    password.p50(), password.p99(), saturated(passwordOnly) ? "Phase A" : "The TOTP phase");
        }
        return line + String.format(Locale.ROOT, "; password only: p50 %.3f ms, p99 %.3f ms. The second factor adds "
                        + "%.3f ms at p50 and %.3f ms at p99 (a second round trip, a code check, the session).",
                password.p50(), password.p99(), totp.p50() - password.p50(), totp.p99() - password.p99());
    }

    private static String notRun(String phases, String after) {
        return "%s did not run: after phase %s auth-service accepted no login within %d s (it was still overloaded)."
                .formatted(phases, after, RECOVERY.toSeconds());
    }

    /** Less than 95 % of the intended logins succeeded: the service (or the machine) was the bottleneck. */
    static boolean saturated(BenchmarkResult login) {
        LoadOutcome outcome = login.outcome();
        return outcome.failed() > 0 || outcome.dropped() > 0
                || outcome.goodputPerSecond() < 0.95 * login.parameters().ratePerSecond();
    }

    private static String loginRate(String phase, BenchmarkResult login) {
        LoadOutcome outcome = login.outcome();
        String errors = outcome.errors().entrySet().stream()
                .filter(kind -> kind.getValue() > 0)
                .map(kind -> kind.getValue() + " " + kind.getKey())
                .collect(Collectors.joining(", "));
        String statuses = outcome.errorStatuses().entrySet().stream()
                .map(status -> status.getKey() + "×" + status.getValue())
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT,
                "%s: %.2f successful logins/s of %s/s intended (p50 %.3f ms, p99 %.3f ms%s%s).", phase, outcome.goodputPerSecond(), number(login.parameters().ratePerSecond()),
                outcome.latencyMillis().p50(), outcome.latencyMillis().p99(),
                errors.isEmpty() ? "" : "; errors: " + errors, statuses.isEmpty() ? "" : " (" + statuses + ")")
                + (outcome.dropped() > 0 ? " %d arrivals dropped at the in-flight cap.".formatted(outcome.dropped())
                : "");
    }

    /**
     * Runs both measurements at the same time, each on its own platform thread (a generator's schedule should not
     * depend on the virtual-thread scheduler that also runs the requests), and returns their results in order.
     */
    static List<BenchmarkResult> concurrently(Callable<BenchmarkResult> first, Callable<BenchmarkResult> second)
            throws Exception {
        try (ExecutorService both = Executors.newFixedThreadPool(2,
                Thread.ofPlatform().name("bench-phase-", 1).factory())) {
            Future<BenchmarkResult> one = both.submit(first);
            Future<BenchmarkResult> two = both.submit(second);
            try {
                return List.of(one.get(), two.get());
            } catch (ExecutionException e) {
                one.cancel(true);
                two.cancel(true);
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (InterruptedException e) {
                one.cancel(true);
                two.cancel(true);
                throw e;
            }
        }
    }

    private static Operation meOperation(BenchContext context, AuthClient auth, String accessToken, Duration timeout) {
        return HttpOperations.send(context.http(), auth.meRequest(accessToken), timeout);
    }

    private static void requireAnswering(BenchContext context, AuthClient auth) throws BenchmarkFailure {
        URI health = auth.uri(AuthClient.HEALTH);
        Optional<String> problem = HttpOperations.probe(context.http(), health, PROBE_TIMEOUT);
        if (problem.isPresent()) {
            throw new BenchmarkFailure(("auth-service at %s does not answer (%s). Start the suite with "
                    + "./secureconnect up, or point --base / SC_BENCH_AUTH at a running one.")
                    .formatted(health, problem.get()));
        }
    }

    /** The token of a phase must outlive it, or the end of the phase would measure 401s. */
    private static void requireLongEnough(Tokens tokens, LoadProfile phase) throws BenchmarkFailure {
        Duration needed = phase.warmup().plus(phase.duration()).plus(phase.timeout());
        if (tokens.expiresInSeconds() > 0 && Duration.ofSeconds(tokens.expiresInSeconds()).compareTo(needed) < 0) {
            throw new BenchmarkFailure("access tokens live %d s, less than one users/me phase (%d s): shorten "
                    .formatted(tokens.expiresInSeconds(), needed.toSeconds()) + "--duration / --warmup.");
        }
    }

    private static double positiveNumber(String option, String value, double defaultValue) throws BenchmarkFailure {
        if (value == null) {
            return defaultValue;
        }
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && number <= 1_000_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchmarkFailure("--%s: not a rate > 0 and <= 1000000: '%s'".formatted(option, value));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
