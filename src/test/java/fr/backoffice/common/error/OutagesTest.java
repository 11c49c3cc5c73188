package fr.backoffice.common.error;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scheduled run the database cannot serve ends quietly; any other failure stays the run's. */
class OutagesTest {

    @Test
    void a_run_the_database_cannot_serve_is_skipped_until_its_next_trigger() {
        Uni<Void> run = Outages.skippedDuringOutage("a test run",
                Uni.createFrom().failure(new IllegalStateException("pool", new ConnectException("Connection refused"))));
        assertThat(run.await().indefinitely()).isNull();
    }

    @Test
    void any_other_failure_is_the_run_s() {
        Uni<Void> run = Outages.skippedDuringOutage("a test run", Uni.createFrom().failure(new IllegalArgumentException("a bug")));
        assertThatThrownBy(() -> run.await().indefinitely()).isInstanceOf(IllegalArgumentException.class).hasMessage("a bug");
    }

    @Test
    void a_run_that_succeeds_is_untouched() {
        assertThat(Outages.skippedDuringOutage("a test run", Uni.createFrom().item(3)).await().indefinitely()).isNull();
    }
}
