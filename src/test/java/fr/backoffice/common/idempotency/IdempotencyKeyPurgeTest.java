package fr.backoffice.common.idempotency;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

import static fr.backoffice.support.Json.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class IdempotencyKeyPurgeTest {

    @Inject
    IdempotencyKeyPurge purge;

    @Inject
    AgroalDataSource database;

    @Test
    void keys_are_kept_through_the_retention_and_forgotten_after_it() throws Throwable {
        String key = "purge-" + Fixtures.newCustomerId();
        Map<String, String> unit = Map.of("code", Fixtures.newUnitCode(), "name", "Kept", "region", "R");
        Api.as(Tokens.admin()).header("Idempotency-Key", key).body(unit).post("/units").then().statusCode(201);

        VertxContextSupport.subscribeAndAwait(() -> purge.purge());
        Api.as(Tokens.admin()).header("Idempotency-Key", key).body(unit).post("/units").then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"));

        try (Connection connection = database.getConnection();
             PreparedStatement age = connection.prepareStatement(
                     "update idempotency_key set created_at = created_at - interval '49 hours' where idempotency_key = ?")) {
            age.setString(1, key);
            assertThat(age.executeUpdate()).isEqualTo(1);
        }
        assertThat(VertxContextSupport.subscribeAndAwait(() -> purge.purge())).isGreaterThanOrEqualTo(1);
        // the key is free again: the same request is judged afresh (and the unit now exists)
        Api.as(Tokens.admin()).header("Idempotency-Key", key).body(unit).post("/units").then().statusCode(409)
                .header("Idempotent-Replayed", nullValue()).body(at("code", equalTo("UNIT_EXISTS")));
    }

    @Test
    void the_purge_finds_old_keys_through_an_index_on_their_time_column() throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement indexes = connection.prepareStatement("select indexdef from pg_indexes "
                     + "where schemaname = current_schema() and tablename = 'idempotency_key'")) {
            java.util.List<String> definitions = new java.util.ArrayList<>();
            try (java.sql.ResultSet rows = indexes.executeQuery()) {
                while (rows.next()) {
                    definitions.add(rows.getString(1));
                }
            }
            assertThat(definitions).anySatisfy(definition -> assertThat(definition).contains("(created_at)"));
        }
    }
}
