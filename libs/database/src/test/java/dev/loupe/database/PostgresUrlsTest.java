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

    @Test
    void takes_percent_encoded_credentials_from_the_url_unless_given() {
        org.postgresql.ds.PGSimpleDataSource fromUrl = (org.postgresql.ds.PGSimpleDataSource)
                PostgresUrls.dataSource("postgresql://lo%40upe:p%3Ass@db/loupe", null, null);
        assertThat(fromUrl.getUser()).isEqualTo("lo@upe");
        assertThat(fromUrl.getPassword()).isEqualTo("p:ss");
        org.postgresql.ds.PGSimpleDataSource given = (org.postgresql.ds.PGSimpleDataSource)
                PostgresUrls.dataSource("postgresql://db/loupe", "loupe", "secret");
        assertThat(given.getUser()).isEqualTo("loupe");
        assertThat(given.getServerNames()).containsExactly("db");
        assertThat(given.getDatabaseName()).isEqualTo("loupe");
    }
}
