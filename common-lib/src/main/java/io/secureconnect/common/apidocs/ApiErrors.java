package io.secureconnect.common.apidocs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error codes ({@code ErrorCode} names) an operation answers beyond those every operation of its kind can give,
 * which the description adds by itself (see {@link ProblemResponses#automatic}). On a controller, the codes apply
 * to all its operations. Every API operation carries it, even as {@code @ApiErrors({})}: the services' contract
 * test fails on an operation that does not say what can go wrong. An unknown name fails the description.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ApiErrors {

    /** Names of error codes, e.g. {@code "CONVERSATION_NOT_FOUND"}. */
    String[] value();
}
