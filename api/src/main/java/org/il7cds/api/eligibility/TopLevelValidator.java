package org.il7cds.api.eligibility;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import org.springframework.validation.Errors;

/** Bean validation of a few top-level properties of a request body, without cascading into their elements. */
final class TopLevelValidator implements org.springframework.validation.Validator {

    private final Validator validator;
    private final Class<?> type;
    private final List<String> properties;

    TopLevelValidator(Validator validator, Class<?> type, List<String> properties) {
        this.validator = validator;
        this.type = type;
        this.properties = properties;
    }

    @Override
    public boolean supports(Class<?> clazz) {
        return type.isAssignableFrom(clazz);
    }

    @Override
    public void validate(Object target, Errors errors) {
        for (String property : properties) {
            for (ConstraintViolation<Object> v : validator.validateProperty(target, property)) {
                String code = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
                errors.rejectValue(property, code, v.getMessage());
            }
        }
    }
}
