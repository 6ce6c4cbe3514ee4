package io.secureconnect.gateway;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.secureconnect.common.logging.JsonLogEncoder;

import org.slf4j.LoggerFactory;

/** Collects the gateway's access log lines, rendered exactly as the service's JSON log encoder writes them. */
final class AccessLogCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("ACCESS");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final JsonLogEncoder encoder = new JsonLogEncoder();

    AccessLogCapture() {
        LoggerContext context = logger.getLoggerContext();
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.start();
        logger.addAppender(appender);
    }

    /** The first JSON line matching the predicate, waiting for it (the line is written as the exchange ends). */
    String firstLine(Predicate<String> matching) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> appender.list.stream().map(this::json).filter(matching).findFirst().orElse(null),
                line -> line != null);
    }

    private String json(ILoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
