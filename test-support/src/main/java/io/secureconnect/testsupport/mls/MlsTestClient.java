package io.secureconnect.testsupport.mls;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real MLS client for tests: {@code web-client/e2e/mls-test-client.mjs} (ts-mls, the library the browsers use)
 * run by Node as one long-lived process holding any number of named devices, each with its own Ed25519 signature
 * key, key packages and groups. Messages go in and out as standard base64 {@code MLSMessage}s, as the API carries
 * them; the ratchet tree as base64 of the encoded RatchetTree (the ratchet_tree extension's data).
 *
 * <p>Needs {@code node} (20 or later) on the PATH and {@code npm ci --prefix web-client/e2e}; without them it
 * fails with that instruction rather than letting a test pass without MLS. One request at a time.
 *
 * <p>A test class holds one as {@code @RegisterExtension static final MlsTestClient mls =
 * MlsTestClient.perTestClass();}: the process starts at the first request and stops after the class's tests.
 */
public final class MlsTestClient implements AutoCloseable, AfterAllCallback {

    private static final Duration ANSWER_PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder UNBASE64 = Base64.getDecoder();

    private Process process;
    private BufferedWriter requests;
    private BufferedReader answers;
    private Path errors;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mls-test-client-reader");
        thread.setDaemon(true);
        return thread;
    });

    private MlsTestClient() {
    }

    /** Starts the Node client now, finding the repository from the working directory up; close it when done. */
    public static MlsTestClient start() {
        var client = new MlsTestClient();
        client.launch();
        return client;
    }

    /** A client for a test class's {@code @RegisterExtension} field: started by its first request, closed after all. */
    public static MlsTestClient perTestClass() {
        return new MlsTestClient();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private synchronized void launch() {
        Path e2e = e2eDirectory();
        Path script = e2e.resolve("mls-test-client.mjs");
        if (!Files.isRegularFile(e2e.resolve("node_modules/ts-mls/package.json"))) {
            throw new IllegalStateException("ts-mls is not installed in " + e2e
                    + ": run npm ci --prefix web-client/e2e (from the repository root)");
        }
        String node = nodeExecutable();
        try {
            this.errors = Files.createTempFile("mls-test-client", ".log");
            this.process = new ProcessBuilder(node, script.toString())
                    .directory(e2e.toFile())
                    .redirectError(errors.toFile())
                    .start();
            this.requests = new BufferedWriter(
                    new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            this.answers = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + node + " " + script, e);
        }
    }

    /** The MLS group id of a conversation: its UUID as 16 bytes. */
    public static byte[] groupId(UUID conversationId) {
        return ByteBuffer.allocate(16).putLong(conversationId.getMostSignificantBits())
                .putLong(conversationId.getLeastSignificantBits()).array();
    }

    /** A new device with a fresh Ed25519 key pair; returns its public signature key (32 bytes). */
    public byte[] newDevice(String device) {
        return bytes(call("newDevice", Map.of("name", device)).get("signatureKey"));
    }

    /**
     * {@code count} key packages of the device (and a last-resort one when asked) whose basic credential identity
     * is {@code identity} (the credential JWS's bytes); they stay with the device until a Welcome uses them.
     */
    public KeyPackages keyPackages(String device, byte[] identity, int count, boolean lastResort) {
        JsonNode result = call("keyPackages", Map.of("name", device, "identity", BASE64.encodeToString(identity),
                "count", count, "lastResort", lastResort));
        List<String> packages = result.get("keyPackages").valueStream().map(JsonNode::asString).toList();
        return new KeyPackages(packages, lastResort ? result.get("lastResort").asString() : null);
    }

    /** A group of one at epoch 0, the device at leaf 0, with the identity of its last {@link #keyPackages}. */
    public long createGroup(String device, byte[] groupId) {
        return call("createGroup", Map.of("name", device, "groupId", BASE64.encodeToString(groupId)))
                .get("epoch").asLong();
    }

    /** {@link #commit(String, byte[], List, List, boolean)} as a PublicMessage, the form the DS accepts. */
    public CommitResult commit(String device, byte[] groupId, List<String> adds, List<Integer> removes) {
        return commit(device, groupId, adds, removes, true);
    }

    /**
     * Commits the adds (key package MLSMessages) and removes (leaf indexes) and applies the commit to the device's
     * own state at once; {@link #discardCommit} takes it back when the DS refuses it. The committing device must
     * not {@link #process} its own commit when the DS sends it back: it is already applied.
     */
    public CommitResult commit(String device, byte[] groupId, List<String> adds, List<Integer> removes,
                               boolean publicMessage) {
        JsonNode result = call("commit", Map.of("name", device, "groupId", BASE64.encodeToString(groupId),
                "adds", adds, "removes", removes, "publicMessage", publicMessage));
        JsonNode welcome = result.get("welcome");
        return new CommitResult(result.get("commit").asString(), welcome.isNull() ? null : welcome.asString(),
                result.get("ratchetTree").asString(), result.get("epoch").asLong());
    }

    /** Goes back to the state before the device's last commit; returns the epoch it is at again. */
    public long discardCommit(String device, byte[] groupId) {
        return call("discardCommit", Map.of("name", device, "groupId", BASE64.encodeToString(groupId)))
                .get("epoch").asLong();
    }

    /** Applies another member's handshake message (or reads an application message) in the device's group. */
    public Processed process(String device, byte[] groupId, String message) {
        JsonNode result = call("process", Map.of("name", device, "groupId", BASE64.encodeToString(groupId),
                "message", message));
        JsonNode text = result.get("text");
        return new Processed(result.get("kind").asString(), result.get("epoch").asLong(),
                text.isNull() ? null : text.asString());
    }

    /** Joins the group of a Welcome with one of the device's key packages. */
    public Joined join(String device, String welcome, String ratchetTree) {
        JsonNode result = call("join", Map.of("name", device, "welcome", welcome, "ratchetTree", ratchetTree));
        return new Joined(bytes(result.get("groupId")), result.get("epoch").asLong(),
                result.get("leafIndex").asInt());
    }

    /** An application message (a PrivateMessage MLSMessage, base64) carrying {@code text}. */
    public String encrypt(String device, byte[] groupId, String text) {
        return call("encrypt", Map.of("name", device, "groupId", BASE64.encodeToString(groupId), "text", text))
                .get("message").asString();
    }

    public String decrypt(String device, byte[] groupId, String message) {
        return call("decrypt", Map.of("name", device, "groupId", BASE64.encodeToString(groupId),
                "message", message)).get("text").asString();
    }

    public int leafIndex(String device, byte[] groupId) {
        return call("leafIndex", Map.of("name", device, "groupId", BASE64.encodeToString(groupId)))
                .get("leafIndex").asInt();
    }

    public long epoch(String device, byte[] groupId) {
        return call("leafIndex", Map.of("name", device, "groupId", BASE64.encodeToString(groupId)))
                .get("epoch").asLong();
    }

    /** A GroupInfo MLSMessage (with the external_pub extension) of the device's group at its current epoch. */
    public String groupInfo(String device, byte[] groupId) {
        return call("groupInfo", Map.of("name", device, "groupId", BASE64.encodeToString(groupId)))
                .get("groupInfo").asString();
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return; // never asked anything
        }
        try {
            requests.close(); // the script ends when its input does
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            reader.shutdownNow();
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // a temp file left behind
            }
        }
    }

    private synchronized JsonNode call(String command, Map<String, ?> arguments) {
        if (process == null) {
            launch();
        }
        var request = new LinkedHashMap<String, Object>();
        request.put("cmd", command);
        request.putAll(arguments);
        String answer;
        try {
            requests.write(JSON.writeValueAsString(request));
            requests.newLine();
            requests.flush();
            Future<String> line = reader.submit(answers::readLine);
            answer = line.get(ANSWER_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the MLS test client died" + stderr(), e);
        } catch (TimeoutException e) {
            process.destroyForcibly(); // its answer may still come and would be taken for the next one
            throw new IllegalStateException("the MLS test client did not answer " + command + " within "
                    + ANSWER_PATIENCE.toSeconds() + " s" + stderr(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the MLS test client", e);
        }
        if (answer == null) {
            throw new IllegalStateException("the MLS test client ended" + stderr());
        }
        JsonNode reply = JSON.readTree(answer);
        if (reply.has("error")) {
            throw new MlsClientException(command, reply.get("error").asString());
        }
        return reply.get("result");
    }

    private String stderr() {
        try {
            String text = Files.readString(errors);
            return text.isBlank() ? "" : ": " + text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "";
        }
    }

    private static byte[] bytes(JsonNode base64) {
        return UNBASE64.decode(base64.asString());
    }

    /** {@code web-client/e2e} of the repository holding the working directory (Maven runs tests in a module). */
    private static Path e2eDirectory() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path e2e = dir.resolve("web-client/e2e");
            if (Files.isRegularFile(e2e.resolve("mls-test-client.mjs"))) {
                return e2e;
            }
        }
        throw new IllegalStateException("no web-client/e2e/mls-test-client.mjs above " + start);
    }

    private static String nodeExecutable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path node = Path.of(dir.isEmpty() ? "." : dir, "node");
            if (Files.isExecutable(node)) {
                return node.toString();
            }
        }
        throw new IllegalStateException("node is not on the PATH: the MLS test client needs Node 20 or later"
                + " and npm ci --prefix web-client/e2e");
    }

    /** Key packages as base64 MLSMessages; {@code lastResort} is null unless one was asked for. */
    public record KeyPackages(List<String> keyPackages, String lastResort) {
    }

    /** A commit (base64 MLSMessage), its Welcome (null without adds), the ratchet tree after it, the new epoch. */
    public record CommitResult(String commit, String welcome, String ratchetTree, long epoch) {
    }

    /** {@code kind} is {@code newState} (a handshake message) or {@code applicationMessage} (then {@code text}). */
    public record Processed(String kind, long epoch, String text) {
    }

    public record Joined(byte[] groupId, long epoch, int leafIndex) {
    }

    /** The script refused a request (an MLS check failed, a device or group it does not know). */
    public static final class MlsClientException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MlsClientException(String command, String error) {
            super(command + ": " + error);
        }
    }
}
