package dev.loupe.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlsTest {

    @Test
    void turns_a_reactive_url_into_the_jdbc_url_of_the_same_database() {
        assertThat(PostgresUrls.jdbc("postgresql://db.example:5433/loupe?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:5433/loupe?sslmode=require");
        assertThat(PostgresUrls.jdbc("postgres://loupe:secret@db:5432/loupe"))
                .isEqualTo("jdbc:postgresql://db:5432/loupe");
        assertThat(PostgresUrls.jdbc("jdbc:postgresql://db/loupe")).isEqualTo("jdbc:postgresql://db/loupe");
    }

    @Test
    void refuses_another_database_and_keeps_the_password_out_of_the_message() {
        assertThatThrownBy(() -> PostgresUrls.jdbc("mysql://root:secret@db/loupe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql://root:***@db/loupe")
                .hasMessageNotContaining("secret");
    }
}
