package fr.backoffice.operation.service;

import fr.backoffice.account.Iban;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.operation.Bic;
import fr.backoffice.operation.BicDirectory;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The creditor's bank of an external transfer, as a BIC (docs/clearing-and-statements.md "The BIC directory"): the
 * {@code creditor.bic} the request gives, else the one the BIC directory ({@code backoffice.clearing.bic-directory})
 * lists for the IBAN's bank. Read once, at start: a malformed directory, or a {@code backoffice.clearing.bic} that is
 * not a BIC, stops the start with a message saying why. The bank's own IBANs (its bank code,
 * {@code backoffice.iban.bank-code}) are its own BIC's.
 */
@Startup
@ApplicationScoped
public class CreditorBanks {

    private static final Logger LOG = Logger.getLogger(CreditorBanks.class);

    private final BackOfficeConfig config;

    public CreditorBanks(BackOfficeConfig config) {
        this.config = config;
    }

    private BicDirectory directory = BicDirectory.empty();

    @PostConstruct
    void load() {
        directory = load(config.clearing().bicDirectory(), config.clearing().bic(), config.iban().bankCode());
        if (config.clearing().bicDirectory().isEmpty()) {
            LOG.warn("No BIC directory (backoffice.clearing.bic-directory, BACKOFFICE_CLEARING_BIC_DIRECTORY): an external "
                    + "transfer is accepted only when it gives the creditor's bank (creditor.bic)");
        } else {
            LOG.infof("BIC directory %s: %d banks (the bank's own included)", config.clearing().bicDirectory().get(), directory.size());
        }
    }

    /**
     * The directory in {@code file}, with the bank's own bank code and BIC; {@link IllegalStateException} (the start
     * stops) when the file cannot be read or is malformed, or {@code ownBic} is not a BIC.
     */
    static BicDirectory load(Optional<String> file, String ownBic, String ownBankCode) {
        Bic.problem(ownBic).ifPresent(reason -> {
            throw new IllegalStateException("backoffice.clearing.bic (BACKOFFICE_CLEARING_BIC) '" + ownBic + "' " + reason);
        });
        BicDirectory read = file.map(CreditorBanks::read).orElse(BicDirectory.empty());
        return read.with("FR", ownBankCode, ownBic);
    }

    private static BicDirectory read(String file) {
        Path path = Path.of(file);
        try {
            return BicDirectory.parse(path.toString(), Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (MalformedInputException e) {
            throw new IllegalStateException("The BIC directory " + path + " (backoffice.clearing.bic-directory) is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalStateException("The BIC directory " + path + " (backoffice.clearing.bic-directory) cannot be read: " + e);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalStateException(malformed.getMessage() + " (backoffice.clearing.bic-directory)", malformed);
        }
    }

    /** The BIC the bank holding {@code iban} has in the directory, if it is listed. */
    public Optional<String> listed(Iban iban) {
        return directory.bicOf(iban);
    }

    /**
     * The creditor's bank of a transfer to {@code iban}: {@code given} when the request gives one (400
     * {@code INVALID_BIC} unless it is a BIC), else the directory's; 422 {@code CREDITOR_BANK_UNKNOWN} when neither.
     */
    String of(Iban iban, String given) {
        if (given != null) {
            return Bic.parse("creditor.bic", given);
        }
        return listed(iban).orElseThrow(() -> unknown(iban));
    }

    /** The refusal of a transfer to a bank no BIC is known for. */
    public static ApiException unknown(Iban iban) {
        String bankCode = org.iban4j.Iban.valueOf(iban.value()).getBankCode();
        return new ApiException(ProblemCode.CREDITOR_BANK_UNKNOWN, "The creditor's bank (country " + iban.countryCode()
                + ", bank code " + bankCode + ") is not in the BIC directory: give its BIC in creditor.bic.",
                List.of(new FieldError("creditor.bic", "is required: the bank of this IBAN is not in the BIC directory")));
    }
}
