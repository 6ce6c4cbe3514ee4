package io.secureconnect.common.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Storable} fields. */
public final class StorableValidator implements ConstraintValidator<Storable, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return StorableText.isStorable(value);
    }
}
