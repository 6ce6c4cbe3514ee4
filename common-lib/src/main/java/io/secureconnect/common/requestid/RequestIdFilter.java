package io.secureconnect.common.requestid;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every servlet request its id before anything else runs, so security, metrics, errors and logs all see it.
 * Also puts the client address in the MDC for the audit trail.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String CLIENT_IP_MDC_KEY = "client_ip";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, requestId);
        response.setHeader(RequestIds.HEADER, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        MDC.put(CLIENT_IP_MDC_KEY, request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            MDC.remove(CLIENT_IP_MDC_KEY);
            MDC.remove("user_id");
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the /error dispatch must still carry the id into its problem body
    }

    /** The id of the request being served, or a new one when called outside a request. */
    public static String currentRequestId(HttpServletRequest request) {
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        return id != null ? id.toString() : RequestIds.acceptOrGenerate(MDC.get(RequestIds.MDC_KEY));
    }
}
