package fr.backoffice.declarant.repository;

import fr.backoffice.declarant.Declarant;
import fr.backoffice.common.EntityRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class DeclarantRepository implements EntityRepository<Declarant> {

    /** Declarants in id (registration) order after {@code afterId}, {@code limit} rows at most; {@code siren} filters when given. */
    public Uni<List<Declarant>> page(String siren, UUID afterId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (siren != null) {
            where.add("siren = :siren");
            params.and("siren", siren);
        }
        if (afterId != null) {
            where.add("id > :after");
            params.and("after", afterId);
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by id";
        return find(query, params).range(0, limit - 1).list();
    }

    public Uni<Boolean> sirenExists(String siren) {
        return count("siren", siren).map(count -> count > 0);
    }
}
