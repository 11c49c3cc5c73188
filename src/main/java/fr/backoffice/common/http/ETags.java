package fr.backoffice.common.http;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;

/**
 * Strong entity tags from a resource's {@code version}, and the {@code If-Match} rules (docs/api.md "Calling the API").
 * The wildcard {@code If-Match: *} ("whatever the version") would skip the very check the header is for, so it is
 * refused with 428 wherever an {@code If-Match} is read.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** For PATCH and PUT: the header is mandatory (428) and must name the current version (412). */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(ProblemCode.PRECONDITION_REQUIRED,
                    "This update requires an If-Match header carrying the ETag you last read.");
        }
        checkMatch(ifMatch, currentVersion);
    }

    /** For actions: an If-Match header is optional, but honoured when sent. */
    public static void checkMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        if (ifMatch.trim().equals("*")) {
            throw new ApiException(ProblemCode.PRECONDITION_REQUIRED,
                    "If-Match: * is not accepted; send the ETag you last read.");
        }
        String expected = of(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(expected)) {
                return;
            }
        }
        throw new ApiException(ProblemCode.PRECONDITION_FAILED,
                "The resource has changed since you read it (current ETag " + expected + ").");
    }
}
