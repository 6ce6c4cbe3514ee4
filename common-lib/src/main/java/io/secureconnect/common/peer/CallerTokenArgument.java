package io.secureconnect.common.peer;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.HttpServiceArgumentResolver;

/** Turns a {@link CallerToken} parameter of an interface method into the request's bearer token. */
final class CallerTokenArgument implements HttpServiceArgumentResolver {

    @Override
    public boolean resolve(Object argument, MethodParameter parameter, HttpRequestValues.Builder request) {
        if (!CallerToken.class.equals(parameter.getParameterType())) {
            return false;
        }
        if (argument instanceof CallerToken token) {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token.value());
        }
        return true;
    }
}
