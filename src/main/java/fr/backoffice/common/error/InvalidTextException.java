package fr.backoffice.common.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A text value of a request body that the rules for text refuse (a control character: {@code common/http/TextRules}),
 * raised while the body is read so that Jackson records the path of the field. {@link ProblemMapper} answers it as
 * 400 {@code VALIDATION_FAILED} naming that field, like any other invalid field.
 */
public class InvalidTextException extends MismatchedInputException {

    private final String reason;

    public InvalidTextException(JsonParser parser, String reason) {
        super(parser, "Text refused: " + reason, String.class);
        this.reason = reason;
    }

    /** Why the text is refused, as the field error's message. */
    public String reason() {
        return reason;
    }
}
