package io.secureconnect.auth.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.secureconnect.auth.AuthServiceTest;
import io.secureconnect.auth.AuthClient;
import io.secureconnect.auth.AuthClient.Account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Friend requests from sending to answering, and what a block does to them. */
@AuthServiceTest
class ContactsIntegrationTest {

    @LocalServerPort
    int port;

    private AuthClient auth;
    private Account ann;
    private Account bob;

    @BeforeEach
    void twoUsers() throws Exception {
        auth = new AuthClient(port);
        ann = auth.newAccount("Ann");
        bob = auth.newAccount("Bob");
    }

    @Test
    void anAcceptedRequestMakesBothContacts() throws Exception {
        String requestId = json(auth.send("POST", "/api/v1/users/me/contacts/requests", ann.accessToken(),
                "{\"userId\":\"" + bob.id() + "\"}"), 201).get("id").asString();

        assertThat(json(auth.send("GET", "/api/v1/users/me/contacts/requests?direction=outgoing", ann.accessToken(), null), 200)
                .get("items")).hasSize(1);
        JsonNode incoming = json(auth.send("GET", "/api/v1/users/me/contacts/requests", bob.accessToken(), null), 200).get("items");
        assertThat(incoming.get(0).get("userId").asString()).isEqualTo(ann.id().toString());
        assertThat(incoming.get(0).get("displayName").asString()).isEqualTo("Ann");

        assertThat(auth.send("POST", "/api/v1/users/me/contacts/requests/" + requestId + "/accept", ann.accessToken(), null)
                .statusCode()).as("only the addressee answers").isEqualTo(404);
        assertThat(auth.send("POST", "/api/v1/users/me/contacts/requests/" + requestId + "/accept", bob.accessToken(), null)
                .statusCode()).isEqualTo(204);

        assertThat(json(auth.send("GET", "/api/v1/users/me/contacts", ann.accessToken(), null), 200).get("items").get(0)
                .get("userId").asString()).isEqualTo(bob.id().toString());
        assertThat(json(auth.send("GET", "/api/v1/users/me/contacts", bob.accessToken(), null), 200).get("items")).hasSize(1);
        assertThat(json(auth.send("GET", "/api/v1/users/me/contacts/requests", bob.accessToken(), null), 200).get("items")).isEmpty();
    }

    @Test
    void requestingSomeoneWhoAlreadyAskedAcceptsTheirRequest() throws Exception {
        auth.send("POST", "/api/v1/users/me/contacts/requests", ann.accessToken(), "{\"userId\":\"" + bob.id() + "\"}");

        JsonNode answer = json(auth.send("POST", "/api/v1/users/me/contacts/requests", bob.accessToken(),
                "{\"userId\":\"" + ann.id() + "\"}"), 200);

        assertThat(answer.get("status").asString()).isEqualTo("accepted");
        assertThat(json(auth.send("GET", "/api/v1/users/me/contacts", ann.accessToken(), null), 200).get("items")).hasSize(1);
    }

    @Test
    void declineCancelAndRemoveLeaveNothingBehind() throws Exception {
        String declined = json(auth.send("POST", "/api/v1/users/me/contacts/requests", ann.accessToken(),
                "{\"userId\":\"" + bob.id() + "\"}"), 201).get("id").asString();
        assertThat(auth.send("POST", "/api/v1/users/me/contacts/requests/" + declined + "/decline", bob.accessToken(), null)
                .statusCode()).isEqualTo(204);

        String cancelled = json(auth.send("POST", "/api/v1/users/me/contacts/requests", ann.accessToken(),
                "{\"userId\":\"" + bob.id() + "\"}"), 201).get("id").asString();
        assertThat(auth.send("DELETE", "/api/v1/users/me/contacts/requests/" + cancelled, ann.accessToken(), null)
                .statusCode()).isEqualTo(204);
        assertThat(json(auth.send("GET", "/api/v1/users/me/contacts/requests", bob.accessToken(), null), 200).get("items")).isEmpty();

        auth.send("POST", "/api/v1/users/me/contacts/requests", ann.accessToken(), "{\"userId\":\"" + bob.id() + "\"}");
        auth.send("POST", "/api/v1/users/me/contacts/requests", bob.accessToken(), "{\"userId\":\"" + ann.id() + "\"}");
        assertThat(auth.send("DELETE", "/api/v1/users/me/contacts/" + ann.id(), bob.accessToken(), null).statusCode()).isEqualTo(204);
        assertThat(json(auth.send("GET", "/api/v1/users/me/contacts", ann.accessToken(), null), 200).get("items")).isEmpty();
    }

    @Test
    void aBlockEndsTheContactAndStopsNewRequests() throws Exception {
        auth.send("POST", "/api/v1/users/me/contacts/requests", ann.accessToken(), "{\"userId\":\"" + bob.id() + "\"}");
        auth.send("POST", "/api/v1/users/me/contacts/requests", bob.accessToken(), "{\"userId\":\"" + ann.id() + "\"}");

        auth.send("PUT", "/api/v1/users/me/blocks/" + bob.id(), ann.accessToken(), null);

        assertThat(json(auth.send("GET", "/api/v1/users/me/contacts", bob.accessToken(), null), 200).get("items")).isEmpty();
        assertThat(auth.send("POST", "/api/v1/users/me/contacts/requests", bob.accessToken(),
                "{\"userId\":\"" + ann.id() + "\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void badRequestsAreClientErrors() throws Exception {
        assertThat(auth.send("POST", "/api/v1/users/me/contacts/requests", ann.accessToken(), "{\"userId\":\"" + ann.id() + "\"}")
                .statusCode()).isEqualTo(404);
        assertThat(auth.send("POST", "/api/v1/users/me/contacts/requests", ann.accessToken(), "{}").statusCode()).isEqualTo(400);
        assertThat(auth.send("GET", "/api/v1/users/me/contacts/requests?direction=sideways", ann.accessToken(), null)
                .statusCode()).isEqualTo(400);
    }

    private static JsonNode json(java.net.http.HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return AuthClient.JSON.readTree(response.body());
    }
}
