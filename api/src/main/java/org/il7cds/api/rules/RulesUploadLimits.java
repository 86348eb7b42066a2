package org.il7cds.api.rules;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.il7cds.api.generated.model.PreviewRequestDto;
import org.il7cds.api.generated.model.RulesSourceDto;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.rules.RuleBundle;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * An uploaded rules file longer than openapi.yaml's maxLength (262,144 characters) is a 400 naming it, as soon as
 * the body is read. The generator does not carry maxLength onto the values of a map, so bean validation does not
 * see it; the engine refuses such a file too (RuleBundle), the same way for a {@code --rules.dir} directory.
 */
@ControllerAdvice
class RulesUploadLimits extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType == RulesSourceDto.class || targetType == PreviewRequestDto.class;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        RulesSourceDto source = body instanceof PreviewRequestDto preview ? preview.getRules() : (RulesSourceDto) body;
        Map<String, String> files = source == null ? null : source.getFiles();
        if (files != null) {
            String prefix = body instanceof PreviewRequestDto ? "rules.files." : "files.";
            List<FieldProblem> problems = new ArrayList<>();
            files.forEach((path, text) -> {
                if (text != null && RuleBundle.isTooLong(text)) {
                    // FieldError.field has at most 500 characters; the controller refuses a path above 300.
                    String field = path.length() <= 300 ? prefix + path : prefix.substring(0, prefix.length() - 1);
                    problems.add(new FieldProblem(field, "is longer than " + RuleBundle.MAX_FILE_CHARS
                            + " characters, the most a rules file may have; split it"));
                }
            });
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
        return body;
    }
}
