package fr.backoffice.clearing.iso20022;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;

import java.util.List;

/**
 * A message past one of the reader's limits ({@link IsoXmlReader}: elements, depth, attributes, text, transactions),
 * refused as soon as the limit is crossed, before more of it is built; named by the path where it was crossed.
 */
public class MessageLimitExceeded extends InvalidMessage {

    public MessageLimitExceeded(String path, String detail) {
        super(path, detail);
    }

    /** The 413 problem {@code MESSAGE_LIMIT_EXCEEDED}: nothing of the message was posted. */
    @Override
    public ApiException problem() {
        return new ApiException(ProblemCode.MESSAGE_LIMIT_EXCEEDED, "The message is beyond the limits of what this service reads, "
                + "nothing was posted: " + getMessage(),
                List.of(new FieldError(path(), getMessage().substring(path().length() + 2))));
    }
}
