package io.secureconnect.common.text;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A request field (or, on a type argument, each element: {@code List<@Storable String>}) that must be
 * {@link StorableText storable text}; null is valid, as with the other constraints. Controllers that validate their
 * bodies with {@code @Valid} answer a refused field with 400 {@code VALIDATION_FAILED}.
 */
@Documented
@Constraint(validatedBy = StorableValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Storable {

    String message() default StorableText.PROBLEM;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
