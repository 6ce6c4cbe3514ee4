package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The verification link auth-service mails, read where the system under test writes its mail: auth-service runs
 * without SMTP here, so each mail is an {@code .eml} file in its outbox folder, written by its background sender
 * shortly after the request. Following the link is what makes an account able to chat (S9).
 */
final class VerificationMail {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private VerificationMail() {
    }

    /** Follows the newest verification link mailed to the address, through the gateway, and checks it worked. */
    static void follow(SecureConnectSystem system, String email) {
        String token = awaitTokens(email, "verify-email", 1).getLast();
        var verified = Api.postJson(system.gateway("/api/v1/auth/verify-email"), "{\"token\":\"" + token + "\"}").send();
        assertThat(verified.status()).as(verified.toString()).isEqualTo(204);
    }

    /**
     * The tokens of the links to {@code page} (verify-email, reset-password) mailed to the address, oldest first,
     * once there are at least {@code count} of them.
     */
    static List<String> awaitTokens(String email, String page, int count) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> tokens(email, page), tokens -> tokens.size() >= count);
    }

    private static List<String> tokens(String email, String page) throws IOException {
        Path outbox = Workspace.locate().dataDirectory(Service.AUTH, "mail");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        List<Path> mails;
        try (Stream<Path> files = Files.list(outbox)) {
            mails = files.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
        return mails.stream()
                .map(VerificationMail::text)
                .filter(text -> addressedTo(text, email))
                .flatMap(text -> token(text, page).stream())
                .toList(); // mail file names are UUIDv7: the newest sorts last
    }

    private static String text(Path mail) {
        try {
            // quoted-printable: join soft line breaks and decode "=3D", the only escape a link holds
            return Files.readString(mail, StandardCharsets.ISO_8859_1).replaceAll("=\\r?\\n", "").replace("=3D", "=");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean addressedTo(String text, String email) {
        return text.lines().anyMatch(line -> line.regionMatches(true, 0, "To: ", 0, 4)
                && line.toLowerCase().contains(email.toLowerCase()));
    }

    private static Optional<String> token(String text, String page) {
        Matcher link = Pattern.compile(Pattern.quote(page) + "\\?token=([A-Za-z0-9_-]+)").matcher(text);
        return link.find() ? Optional.of(link.group(1)) : Optional.empty();
    }
}
