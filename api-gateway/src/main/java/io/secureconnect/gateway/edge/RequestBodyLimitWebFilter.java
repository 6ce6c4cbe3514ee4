package io.secureconnect.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import io.secureconnect.common.config.SecureConnectProperties;
import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies above {@code secureconnect.web.max-body-size} with a 413 problem: at once when
 * {@code Content-Length} says so, and for chunked bodies as soon as the bytes passing through exceed it (the
 * gateway streams bodies, so nothing is buffered to count them). Files never pass here: clients upload them to
 * object storage with a presigned URL.
 */
@Component
class RequestBodyLimitWebFilter implements WebFilter, Ordered {

    private final long limit;

    RequestBodyLimitWebFilter(SecureConnectProperties properties) {
        this.limit = properties.web().maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return Mono.error(tooLarge());
        }
        AtomicLong seen = new AtomicLong();
        var counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge());
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private ApiException tooLarge() {
        return new ApiException(CommonErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + limit + " bytes.");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 8;
    }
}
