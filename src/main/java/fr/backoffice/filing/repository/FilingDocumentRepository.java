package fr.backoffice.filing.repository;

import fr.backoffice.filing.FilingDocument;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
@WithSession
public class FilingDocumentRepository implements PanacheRepositoryBase<FilingDocument, UUID> {
}
