package fr.backoffice.account.rest;

import fr.backoffice.common.http.MultiLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies only {@link AccountResource} reads; what services and events use is in {@code account.api}. */
public final class AccountDtos {

    /** Reasons are written by a person, possibly in several lines (docs/api.md "Calling the API"). */
    static final String LINES = "Free text; may span several lines (tab, CR and LF allowed, no other control character)";

    private AccountDtos() {
    }

    @Schema(name = "StatusChangeReason")
    public record Reason(
            @MultiLine @Size(max = 500) @Schema(maxLength = 500, examples = "Suspected fraud reported by the customer",
                    description = LINES) String reason) {
    }

    @Schema(name = "RequiredReason")
    public record RequiredReason(
            @MultiLine @NotBlank @Size(max = 500) @Schema(required = true, maxLength = 500,
                    examples = "Suspected fraud reported by the customer", description = LINES) String reason) {
    }
}
