package fr.backoffice.filing;

import fr.backoffice.filing.annual.AnnualAccountsComputed;
import fr.backoffice.filing.vat.VatComputed;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the service derives from a filing's content: {@code VatComputed} or {@code AnnualAccountsComputed}. */
@Schema(name = "FilingComputed", type = SchemaType.OBJECT, anyOf = {VatComputed.class, AnnualAccountsComputed.class},
        description = "Derived by the service from the content (`VatReturnComputed` or `AnnualAccountsComputed`, by type); "
                + "never accepted from a client.")
public interface FilingComputed {
}
