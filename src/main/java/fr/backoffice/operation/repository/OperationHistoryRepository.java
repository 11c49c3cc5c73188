package fr.backoffice.operation.repository;

import fr.backoffice.operation.OperationHistoryEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
@WithSession
public class OperationHistoryRepository implements PanacheRepositoryBase<OperationHistoryEntry, Long> {

    /** The history of one operation, in order. */
    public Uni<List<OperationHistoryEntry>> of(UUID operationId) {
        return list("operationId = ?1 order by at, id", operationId);
    }

    /** The histories of several operations in one query, each in order. */
    public Uni<Map<UUID, List<OperationHistoryEntry>>> of(Collection<UUID> operationIds) {
        if (operationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("operationId in ?1 order by at, id", operationIds)
                .map(rows -> rows.stream().collect(Collectors.groupingBy(e -> e.operationId)));
    }
}
