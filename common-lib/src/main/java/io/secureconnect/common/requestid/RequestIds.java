package io.secureconnect.common.requestid;

import java.util.regex.Pattern;

import io.secureconnect.common.id.Ids;

/**
 * The request id rule shared by the gateway and every service: a client's {@code X-Request-ID} is kept when it is
 * short and plain (so it can be searched for in logs as-is), otherwise a fresh one replaces it. Control characters,
 * spaces, quotes or an oversize value could forge log lines or bloat every record, so they are never accepted.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "request_id";
    /** Request attribute (servlet) / exchange attribute (WebFlux) holding the effective id. */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    public static final int MAX_LENGTH = 128;

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /** The incoming id if it is sane, else a new one. */
    public static String acceptOrGenerate(String incoming) {
        return isSane(incoming) ? incoming : generate();
    }

    public static boolean isSane(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches();
    }

    public static String generate() {
        return Ids.newId().toString();
    }
}
