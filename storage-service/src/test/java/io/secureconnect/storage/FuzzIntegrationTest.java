package io.secureconnect.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.secureconnect.storage.StorageClient.User;
import io.secureconnect.testsupport.fuzz.FuzzedRoute;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.spring.JqwikSpringSupport;

/**
 * Issue 18's fuzz pass on storage-service: whatever body a client posts to any JSON route (announcing an upload,
 * chat's share grant, an administrator's quota), the answer is a 4xx problem with a code, never a 5xx.
 */
@JqwikSpringSupport
class FuzzIntegrationTest extends StorageIntegrationTest {

    private final User owner = User.random();
    private final User admin = User.admin();
    private final UUID conversation = UUID.randomUUID();
    private final Map<String, String> ids = new LinkedHashMap<>();

    // a fixed seed (one that passed) keeps the build deterministic; to explore, change it and run the class: what a
    // new seed finds becomes an @Example here
    @Property(tries = 100, seed = "-7711940170961398607", afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void everyJsonRouteAnswersAnyBodyWithoutAServerError(@ForAll("bodies") List<String> bodies) throws Exception {
        Map<String, String> values = ids();
        List<FuzzedRoute> routes = routes();
        for (int i = 0; i < routes.size(); i++) {
            routes.get(i).filledIn(values).assertHandled(port, FuzzedRoute.fill(bodies.get(i), values));
        }
    }

    @Provide
    Arbitrary<List<String>> bodies() {
        return FuzzedRoute.oneBodyEach(routes());
    }

    /** Every route of storage-service that reads a JSON body, with a valid example each. */
    private List<FuzzedRoute> routes() {
        return List.of(
                new FuzzedRoute("POST", "/api/v1/files", owner.token(), Map.of("name", "notes.txt", "size", 5,
                        "contentType", "text/plain", "sha256", "0".repeat(64), "encrypted", false)),
                new FuzzedRoute("POST", "/internal/v1/files/{file}/shares", owner.token(),
                        Map.of("conversationId", conversation.toString(), "sharedBy", owner.id().toString())),
                new FuzzedRoute("PUT", "/api/v1/files/admin/quotas/" + owner.id(), admin.token(),
                        Map.of("limitBytes", 1L << 30)));
    }

    /** A ready file of the owner's, in a conversation chat says the owner is in. */
    private Map<String, String> ids() throws Exception {
        if (ids.isEmpty()) {
            FakeChatService.shared().addMember(conversation, owner.id());
            ids.put("file", new StorageClient(port).upload(owner, "fuzz.txt", "hello".getBytes(), "text/plain"));
        }
        return ids;
    }
}
