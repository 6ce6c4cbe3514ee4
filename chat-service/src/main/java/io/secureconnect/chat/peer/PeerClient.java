package io.secureconnect.chat.peer;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;

import io.secureconnect.chat.ChatErrorCode;
import io.secureconnect.chat.ChatProperties;
import io.secureconnect.common.requestid.RequestIds;
import io.secureconnect.common.web.ApiException;

import org.slf4j.MDC;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Calls to auth- and storage-service on a user's behalf: the user's own token is forwarded, so the other service
 * authorises the user, and the request id travels along. Anything but a clear answer fails closed.
 */
final class PeerClient {

    private PeerClient() {
    }

    static RestClient create(URI baseUrl, ChatProperties properties) {
        var http = HttpClient.newBuilder().connectTimeout(properties.peerTimeout()).build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.peerTimeout());
        return RestClient.builder()
                .baseUrl(baseUrl.toString())
                .requestFactory(requests)
                .requestInitializer(request -> {
                    String requestId = MDC.get(RequestIds.MDC_KEY);
                    if (requestId != null) {
                        request.getHeaders().set(RequestIds.HEADER, requestId);
                    }
                })
                .build();
    }

    static ApiException unavailable(String service) {
        return new ApiException(ChatErrorCode.PEER_UNAVAILABLE, service + " cannot answer right now; try again shortly.",
                Map.of("service", service, ApiException.RETRY_AFTER, 2L));
    }
}
