package io.secureconnect.common.web.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where {@link MvcProblemHandler} reports a request refused for lack of permission: the audit log, wired by the
 * auto-configuration. Declared here so that problem handling does not depend on auditing, which itself answers with
 * this package's problems.
 */
@FunctionalInterface
public interface AccessDenials {

    void denied(HttpServletRequest request);
}
