package io.secureconnect.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.secureconnect.client.ApiClient;
import io.secureconnect.client.ApiException;
import io.secureconnect.client.api.AccountsApi;
import io.secureconnect.client.api.ConversationsApi;
import io.secureconnect.client.api.FilesApi;
import io.secureconnect.client.api.MessagesApi;
import io.secureconnect.client.api.SessionsApi;
import io.secureconnect.client.api.UsersApi;
import io.secureconnect.client.model.AccountRegistrationRequest;
import io.secureconnect.client.model.Conversation;
import io.secureconnect.client.model.CreateConversationRequest;
import io.secureconnect.client.model.EmailVerificationRequest;
import io.secureconnect.client.model.FileView;
import io.secureconnect.client.model.LoginRequest;
import io.secureconnect.client.model.LoginResult;
import io.secureconnect.client.model.Member;
import io.secureconnect.client.model.Message;
import io.secureconnect.client.model.RefreshRequest;
import io.secureconnect.client.model.SendMessageRequest;
import io.secureconnect.client.model.TokenResponse;
import io.secureconnect.client.model.UploadRequest;
import io.secureconnect.client.model.UploadTicket;

import org.junit.jupiter.api.Test;

/**
 * The API as an integrator meets it: only the Java client generated from docs/openapi/secureconnect.json (module
 * api-client), through the gateway. If the description names an operation, a field or a status wrongly, a call here
 * fails, or a response does not read: the client refuses properties the description does not declare. The one call
 * that is not ours, the PUT of the bytes to the presigned S3 URL, uses java.net.http.
 */
@SystemTest
class GeneratedClientIT {

    private static final String PASSWORD = "correct horse battery staple";
    /** What the generated client reads responses with, but strict: a field the description lacks fails the read. */
    private static final ObjectMapper STRICT = ApiClient.createDefaultObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final HttpClient S3 = HttpClient.newHttpClient();

    private final SecureConnectSystem system;

    GeneratedClientIT(SecureConnectSystem system) {
        this.system = system;
    }

    /** A user as the test knows them: who they are and the tokens of their session. */
    private record Account(UUID id, String email, String accessToken, String refreshToken) {
    }

    @Test
    void aUserSignsUpChatsInAGroupAndSharesAFileUsingOnlyTheGeneratedClient() throws Exception {
        // given three users who registered, followed the mailed link and logged in
        Account ann = signUp("Ann");
        Account bob = signUp("Bob");
        Account carol = signUp("Carol");

        // when Ann refreshes her session, then she gets a new access token that works
        TokenResponse refreshed = new SessionsApi(client(null))
                .refreshTokens(new RefreshRequest().refreshToken(ann.refreshToken()));
        assertThat(refreshed.getAccessToken()).isNotBlank().isNotEqualTo(ann.accessToken());
        assertThat(refreshed.getRefreshToken()).as("refresh tokens are single use").isNotBlank()
                .isNotEqualTo(ann.refreshToken());
        ApiClient asAnn = client(refreshed.getAccessToken());
        var me = new UsersApi(asAnn).getMyProfile();
        assertThat(me.getEmail()).isEqualTo(ann.email());
        assertThat(me.getEmailVerified()).isTrue();

        // when she talks to Bob and Carol directly (a group takes only people one already talks to) and then creates
        // a group with them, then Bob sees it with all three members
        var annConversations = new ConversationsApi(asAnn);
        for (Account other : List.of(bob, carol)) {
            Conversation direct = annConversations.createConversation(new CreateConversationRequest()
                    .type(CreateConversationRequest.TypeEnum.DIRECT).memberIds(List.of(other.id())));
            assertThat(direct.getType()).isEqualTo(Conversation.TypeEnum.DIRECT);
        }
        ApiClient asBob = client(bob.accessToken());
        Conversation created = annConversations.createConversation(new CreateConversationRequest()
                .type(CreateConversationRequest.TypeEnum.GROUP).name("Launch plans")
                .memberIds(List.of(bob.id(), carol.id())));
        Conversation group = new ConversationsApi(asBob).getConversation(created.getId());
        assertThat(group.getName()).isEqualTo("Launch plans");
        assertThat(group.getType()).isEqualTo(Conversation.TypeEnum.GROUP);
        assertThat(group.getMembers()).extracting(Member::getUserId)
                .containsExactlyInAnyOrder(ann.id(), bob.id(), carol.id());

        // when Ann sends five messages, then Bob pages through them oldest first, two at a time, in order
        List<String> sent = IntStream.rangeClosed(1, 5).mapToObj(i -> "Plan step " + i).toList();
        var annMessages = new MessagesApi(asAnn);
        for (int i = 0; i < sent.size(); i++) {
            Message message = annMessages.sendMessage(group.getId(),
                    new SendMessageRequest().clientId("generated-client-" + i).body(sent.get(i)));
            assertThat(message.getSenderId()).isEqualTo(ann.id());
        }
        List<Message> read = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Long after = 0L;
        while (after != null) {
            var page = new MessagesApi(asBob).listMessages(group.getId(), after, null, null, 2);
            pageSizes.add(page.getItems().size());
            read.addAll(page.getItems());
            after = page.getNextCursor() == null ? null : Long.valueOf(page.getNextCursor());
        }
        assertThat(pageSizes).as("page sizes").hasSizeGreaterThanOrEqualTo(3).allMatch(size -> size <= 2);
        assertThat(read).extracting(Message::getSeq).isSorted().doesNotHaveDuplicates();
        assertThat(read).filteredOn(message -> message.getType() == Message.TypeEnum.TEXT)
                .extracting(Message::getBody).containsExactlyElementsOf(sent);

        // when Ann announces a file, PUTs its bytes to the presigned URL and completes it
        byte[] content = ("Minutes of the launch meeting, " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        var files = new FilesApi(asAnn);
        UploadTicket ticket = files.announceUpload(new UploadRequest().name("minutes.txt")
                .size((long) content.length).contentType("application/octet-stream").encrypted(false), null);
        assertThat(putToPresignedUrl(ticket, content)).isEqualTo(200);
        var completed = files.completeUpload(ticket.getId());

        // then the file is ready, and its download URL serves the same bytes
        assertThat(completed.getStatus()).isEqualTo(FileView.StatusEnum.READY);
        assertThat(completed.getSize()).isEqualTo((long) content.length);
        var link = files.getDownloadUrl(ticket.getId());
        assertThat(link.getExpiresAt()).isNotNull();
        assertThat(fetch(URI.create(link.getUrl()))).isEqualTo(content);

        // and a call without a token is refused, as the client reports it: the status and the problem's code
        assertThatExceptionOfType(ApiException.class)
                .isThrownBy(() -> new MessagesApi(client(null)).listMessages(group.getId(), null, null, null, 2))
                .satisfies(refused -> {
                    assertThat(refused.getCode()).isEqualTo(401);
                    assertThat(refused.getResponseBody()).contains("\"UNAUTHENTICATED\"");
                });
    }

    /** Registers through the client, follows the mailed verification link with it, and logs in. */
    private Account signUp(String name) throws ApiException {
        String email = name.toLowerCase() + "-generated-" + UUID.randomUUID() + "@example.com";
        var accounts = new AccountsApi(client(null));
        var profile = accounts.registerAccount(new AccountRegistrationRequest()
                .email(email).password(PASSWORD).displayName(name));
        assertThat(profile.getEmail()).isEqualTo(email);
        assertThat(profile.getEmailVerified()).isFalse();
        // the mail is not our API: read where the system under test delivers it
        String token = VerificationMail.awaitTokens(email, "verify-email", 1).getLast();
        accounts.verifyEmail(new EmailVerificationRequest().token(token));
        LoginResult login = new SessionsApi(client(null)).login(new LoginRequest().email(email).password(PASSWORD));
        assertThat(login.getAccessToken()).isNotBlank();
        assertThat(login.getRefreshToken()).isNotBlank();
        assertThat(login.getMfaRequired()).isNotEqualTo(Boolean.TRUE);
        return new Account(profile.getId(), email, login.getAccessToken(), login.getRefreshToken());
    }

    /** The generated client pointed at the gateway, sending the access token when there is one. */
    private ApiClient client(String accessToken) {
        var client = new ApiClient();
        client.updateBaseUri(system.gateway("").toString());
        // HTTP/1.1 as the other system tests: nothing is upgraded behind the test's back
        client.setHttpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)));
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setObjectMapper(STRICT);
        if (accessToken != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + accessToken));
        }
        return client;
    }

    /** S3's answer to the PUT of the bytes with the headers the ticket names (the JDK sets Host and Content-Length). */
    private static int putToPresignedUrl(UploadTicket ticket, byte[] content) throws IOException, InterruptedException {
        var put = HttpRequest.newBuilder(URI.create(ticket.getUploadUrl()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        ticket.getUploadHeaders().forEach((header, value) -> {
            if (!header.equalsIgnoreCase("Content-Length") && !header.equalsIgnoreCase("Host")) {
                put.header(header, value);
            }
        });
        return S3.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] fetch(URI url) throws IOException, InterruptedException {
        var response = S3.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
