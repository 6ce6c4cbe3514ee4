package io.secureconnect.testsupport.websocket;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks every frame the test class's {@link TestSocket}s receive on {@code /ws/chat} and {@code /ws/calls} against
 * the AsyncAPI descriptions in the checkout's docs/ ({@link FrameCheck}), and fails the test (or, for frames that
 * came in a class's {@code @BeforeAll}/{@code @AfterAll}, the class) during which a frame arrived that does not
 * match, naming the frame and what is wrong. Frames arrive asynchronously, so one that comes after its test ended is
 * reported by the next. The checkout is {@code secureconnect.repo.root}, else the nearest directory above the
 * working directory that has docs/chat-asyncapi.yaml.
 */
public final class AsyncApiFrameCheck implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        FrameCheck.checkAgainst(docs());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnMismatches();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnMismatches();
    }

    private static void failOnMismatches() {
        FrameCheck.Mismatches mismatches = FrameCheck.takeMismatches();
        if (!mismatches.isEmpty()) {
            throw new AssertionError(mismatches.toString());
        }
    }

    static Path docs() {
        String configured = System.getProperty("secureconnect.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize().resolve("docs");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/chat-asyncapi.yaml"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/chat-asyncapi.yaml above " + Path.of("").toAbsolutePath()
                + "; set secureconnect.repo.root");
    }
}
