package fr.backoffice.filing.service;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingDocument;
import fr.backoffice.filing.api.FilingView;
import fr.backoffice.filing.repository.FilingDocumentRepository;
import fr.backoffice.filing.repository.FilingRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reading filings: one with its ETag, a filtered page, and the exact document submitted. */
@ApplicationScoped
public class FilingQueries {

    private final FilingRepository filings;

    private final FilingDocumentRepository documents;

    private final FilingJournal journal;

    public FilingQueries(FilingRepository filings, FilingDocumentRepository documents, FilingJournal journal) {
        this.filings = filings;
        this.documents = documents;
        this.journal = journal;
    }

    /** The exact bytes of a submitted document and their lower-case hex SHA-256. */
    public record SubmittedDocument(byte[] body, String digest) {
    }

    @WithSession
    public Uni<Reply> get(String id) {
        return filings.require(id).flatMap(journal::ok);
    }

    @WithSession
    public Uni<Page<FilingView>> list(FilingRepository.Filter filter, PageRequest page) {
        int limit = page.limit();
        return filings.page(filter, page.afterId(), limit + 1).flatMap(rows -> journal.page(rows, limit));
    }

    /** The exact bytes submitted: 404 for an unknown filing, 409 {@code NOT_SUBMITTED} before submission. */
    @WithSession
    public Uni<SubmittedDocument> document(String id) {
        return filings.require(id)
                .invoke(FilingQueries::checkSubmitted)
                .flatMap(filing -> documents.findById(filing.id))
                .map(document -> submitted(id, document));
    }

    private static void checkSubmitted(Filing filing) {
        if (filing.submittedAt == null) {
            throw new ApiException(ProblemCode.NOT_SUBMITTED,
                    "The filing is " + filing.status + "; its document exists once it is submitted.");
        }
    }

    private static SubmittedDocument submitted(String id, FilingDocument document) {
        if (document == null) {
            throw new IllegalStateException("A submitted filing has no document: " + id);
        }
        return new SubmittedDocument(document.body, document.digest);
    }
}
