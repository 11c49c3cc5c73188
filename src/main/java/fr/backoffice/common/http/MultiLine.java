package fr.backoffice.common.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field of a request body that a person may write in several lines: it may hold tab, line feed and carriage
 * return. Every other text field is a single line. No field holds any other control character ({@link TextRules};
 * docs/api.md "Calling the API").
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface MultiLine {
}
