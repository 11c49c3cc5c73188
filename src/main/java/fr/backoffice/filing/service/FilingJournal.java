package fr.backoffice.filing.service;

import fr.backoffice.common.http.Reply;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.security.Caller;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingAction;
import fr.backoffice.filing.FilingHistoryEntry;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.api.FilingView;
import fr.backoffice.filing.check.FilingChecks;
import fr.backoffice.filing.repository.FilingHistoryRepository;
import fr.backoffice.filing.repository.FilingRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What happened to filings: every change is a history entry (who, when, from which status to which) and the event
 * of the same name, carrying the filing as the endpoints answer it; and that answer, the filing with its history.
 */
@ApplicationScoped
public class FilingJournal {

    private final FilingRepository filings;

    private final FilingHistoryRepository history;

    private final FilingContents contents;

    private final Caller caller;

    private final Events events;

    public FilingJournal(FilingRepository filings, FilingHistoryRepository history, FilingContents contents,
                         Caller caller, Events events) {
        this.filings = filings;
        this.history = history;
        this.contents = contents;
        this.caller = caller;
        this.events = events;
    }

    /**
     * Appends the history entry and flushes, so the filing carries its new version; then appends the change's
     * event (one per history entry, i.e. per state change), in the same transaction.
     */
    public Uni<Filing> record(Filing filing, FilingAction action, FilingStatus from, FilingStatus to, Instant at) {
        return history.persist(FilingHistoryEntry.of(filing.id, at, caller.id(), action, from, to))
                .flatMap(entry -> filings.flush())
                .flatMap(flushed -> view(filing))
                .call(view -> events.append(eventType(action), filing.id.toString(), view))
                .replaceWith(filing);
    }

    /** The filing's history, in the order it happened. */
    public Uni<List<FilingHistoryEntry>> history(Filing filing) {
        return history.of(filing.id);
    }

    public Uni<FilingView> view(Filing filing) {
        return history(filing).map(entries -> view(filing, entries));
    }

    /** 200 with the filing and its version (the ETag). */
    public Uni<Reply> ok(Filing filing) {
        return view(filing).map(view -> Reply.ok(view, filing.version));
    }

    /** 201 with the filing, its location and its version. */
    public Uni<Reply> created(Filing filing) {
        return view(filing).map(view -> Reply.created(view, "/filings/" + filing.id, filing.version));
    }

    /** A page of filings from {@code limit + 1} fetched rows, the histories of those shown read at once. */
    public Uni<Page<FilingView>> page(List<Filing> fetched, int limit) {
        List<Filing> shown = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
        return history.of(shown.stream().map(filing -> filing.id).toList())
                .map(entries -> entries.stream().collect(Collectors.groupingBy(entry -> entry.filingId)))
                .map(byFiling -> Page.of(fetched, limit, filing -> filing.id.toString(),
                        filing -> view(filing, byFiling.getOrDefault(filing.id, List.of()))));
    }

    private FilingView view(Filing filing, List<FilingHistoryEntry> entries) {
        return FilingView.of(filing, contents.tree(filing.content), contents.tree(filing.computed),
                contents.read(filing.checks, FilingChecks.class), entries);
    }

    static EventType eventType(FilingAction action) {
        return switch (action) {
            case CREATED -> EventType.FILING_CREATED;
            case CONTENT_REPLACED -> EventType.FILING_CONTENT_REPLACED;
            case VALIDATED -> EventType.FILING_VALIDATED;
            case SUBMITTED -> EventType.FILING_SUBMITTED;
            case ACCEPTED -> EventType.FILING_ACCEPTED;
            case REJECTED -> EventType.FILING_REJECTED;
            case AMENDED -> EventType.FILING_AMENDED;
        };
    }
}
