package fr.backoffice.account.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The last status change of an account, in {@link AccountView}. */
// nullable here rather than on the property: OpenAPI 3.0 ignores "nullable" beside a $ref, so validators
// and client generators would reject the null every account carries until its first status change.
@Schema(name = "StatusChange", nullable = true, description = "The last freeze, unfreeze or close of the account; null until the first")
public record StatusChangeView(Instant at, @Schema(maxLength = Limits.ACTOR_LENGTH, examples = "agent-042") String actor,
                               @Schema(nullable = true, maxLength = Limits.REASON_LENGTH, description = "Null when none was given") String reason) {
}
