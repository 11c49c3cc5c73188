package fr.backoffice.clearing.iso20022;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;

import java.util.List;

/** A message we cannot read: malformed XML, or a rule of its schema broken, named by its element path. */
public class InvalidMessage extends RuntimeException {

    private final String path;

    public InvalidMessage(String path, String detail) {
        super(path + ": " + detail);
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The 400 problem {@code INVALID_MESSAGE}, naming the first error; nothing of the message was posted. */
    public ApiException problem() {
        return new ApiException(ProblemCode.INVALID_MESSAGE, "The message is not a valid ISO 20022 message of this type, "
                + "nothing was posted: " + getMessage(), List.of(new FieldError(path, reason())));
    }

    private String reason() {
        return getMessage().substring(path.length() + 2);
    }
}
