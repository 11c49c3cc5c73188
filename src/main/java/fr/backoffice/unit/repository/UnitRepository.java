package fr.backoffice.unit.repository;

import fr.backoffice.unit.Unit;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
@WithSession
public class UnitRepository implements PanacheRepositoryBase<Unit, String> {

    /** Units ordered by code, the page after {@code afterCode}, one extra row to tell if more follow. */
    public Uni<List<Unit>> page(String afterCode, int limit) {
        return find("code > ?1 order by code", afterCode == null ? "" : afterCode).range(0, limit).list();
    }

    public Uni<String> nextBranchCode() {
        return getSession().flatMap(session -> session
                .createNativeQuery("select lpad(nextval('unit_branch_code_seq')::text, 5, '0')", String.class)
                .getSingleResult());
    }
}
