package io.secureconnect.gateway.accesslog;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;

import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the access log off the event loop. common-lib's logging writes every line to the console synchronously (and
 * to the service file through an async appender); one line per request on the gateway's event-loop threads would
 * put a blocking stdout write into every request. The {@code ACCESS} logger therefore gets the same appenders, each
 * behind an async queue (lines are dropped, not waited for, if the queue is ever full), and stops passing its lines
 * up to the root logger. Same files, same JSON encoder, same masking.
 */
@Component
class AccessLogAppenders {

    static final String ASYNC_CONSOLE = "ACCESS_ASYNC_CONSOLE";
    private static final int QUEUE_SIZE = 8192;

    AccessLogAppenders() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger access = context.getLogger(AccessLogWebFilter.LOGGER);
        if (access.getAppender(ASYNC_CONSOLE) != null) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        for (Appender<ILoggingEvent> appender : appenders) {
            access.addAppender(appender instanceof AsyncAppenderBase ? appender : async(context, appender));
        }
        access.setAdditive(appenders.isEmpty());
    }

    private static Appender<ILoggingEvent> async(LoggerContext context, Appender<ILoggingEvent> appender) {
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(appender.getName().equals("CONSOLE") ? ASYNC_CONSOLE : "ACCESS_ASYNC_" + appender.getName());
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(appender);
        async.start();
        return async;
    }
}
