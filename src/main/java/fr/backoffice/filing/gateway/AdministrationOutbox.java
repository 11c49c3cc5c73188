package fr.backoffice.filing.gateway;

import fr.backoffice.common.Ids;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The default administration gateway: an outbox table. Each deposit is recorded in the submitting transaction
 * (so a submitted filing always has its document queued, and a rolled-back one never has), under a deposit
 * reference {@code DEP-<year>-<8 digits>}; a separate transport reads pending rows and delivers them.
 */
@ApplicationScoped
@WithSession
@Identifier(AdministrationOutbox.NAME)
public class AdministrationOutbox implements AdministrationGateway, PanacheRepositoryBase<AdministrationOutboxEntry, UUID> {

    public static final String NAME = "outbox";

    @Override
    public Uni<String> deposit(Deposit deposit) {
        return getSession()
                .flatMap(session -> session
                        .createNativeQuery("select lpad(nextval('administration_deposit_seq')::text, 8, '0')", String.class)
                        .getSingleResult())
                .flatMap(number -> {
                    String depositReference =
                            "DEP-" + deposit.submittedAt().atZone(ZoneOffset.UTC).getYear() + "-" + number;
                    AdministrationOutboxEntry entry = AdministrationOutboxEntry.deposited(Ids.newId(), depositReference,
                            deposit.filingId(), deposit.type(), deposit.siren(), deposit.document(), deposit.digest(),
                            deposit.submittedAt());
                    return persist(entry).map(saved -> saved.depositReference);
                });
    }
}
