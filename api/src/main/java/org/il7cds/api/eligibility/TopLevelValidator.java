package org.il7cds.api.eligibility;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
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
    @SuppressWarnings("unchecked")
    public void validate(Object target, Errors errors) {
        BeanWrapper bean = new BeanWrapperImpl(target);
        for (String property : properties) {
            Object value = bean.getPropertyValue(property);
            // A list is checked by its size only (as a list of as many nulls): Hibernate Validator cascades into
            // the elements of a List<@Valid T> even for one property, and the controller validates each element
            // on its own anyway. Measured: that cascade took two thirds of a batch request's time.
            Object checked = value instanceof Collection<?> c ? Collections.nCopies(c.size(), null) : value;
            for (ConstraintViolation<Object> v : validator.validateValue((Class<Object>) type, property, checked)) {
                String code = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
                errors.rejectValue(property, code, v.getMessage());
            }
        }
    }
}
