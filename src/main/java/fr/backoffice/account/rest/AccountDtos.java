package fr.backoffice.account.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies only {@link AccountResource} reads; what services and events use is in {@code account.api}. */
public final class AccountDtos {

    private AccountDtos() {
    }

    @Schema(name = "StatusChangeReason")
    public record Reason(
            @Size(max = 500) @Schema(maxLength = 500, examples = "Suspected fraud reported by the customer") String reason) {
    }

    @Schema(name = "RequiredReason")
    public record RequiredReason(
            @NotBlank @Size(max = 500) @Schema(required = true, maxLength = 500, examples = "Suspected fraud reported by the customer")
            String reason) {
    }
}
