package fr.backoffice.operation.api;

import fr.backoffice.operation.Bic;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The beneficiary of an external transfer, in {@link NewOperation} and {@link OperationView}. */
// Nullable schemas rather than nullable properties: OpenAPI 3.0 ignores "nullable" beside a $ref.
@Schema(name = "Creditor", nullable = true, description = "The beneficiary of an external (SEPA) transfer, whose account is not held here")
public record Creditor(
        @NotBlank @Size(max = 70) @Schema(required = true, maxLength = 70, examples = "Dupont SARL") String name,
        @NotBlank @Size(max = 42) @Schema(required = true, maxLength = 42, examples = "DE89370400440532013000") String iban,
        @Size(max = 11) @Schema(nullable = true, maxLength = 11, pattern = Bic.PATTERN, examples = "COBADEFFXXX",
                description = "The creditor's bank as a BIC (ISO 9362, 8 or 11 characters), sent as its BICFI. Optional "
                        + "in a request: without it the bank is found from the IBAN in the BIC directory, and a transfer "
                        + "whose bank is not listed there is refused (422 `CREDITOR_BANK_UNKNOWN`). In an answer, the BIC "
                        + "the transfer is sent with (null only for transfers submitted before BICs were kept)")
        String bic) {

    /** A creditor without a BIC (the directory finds it). */
    public Creditor(String name, String iban) {
        this(name, iban, null);
    }
}
