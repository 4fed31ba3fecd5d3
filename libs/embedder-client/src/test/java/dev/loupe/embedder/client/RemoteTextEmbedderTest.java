package dev.loupe.embedder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.TextEmbedder;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Text collections' models through the client: query prompts, unknown models, refused texts. */
@QuarkusTest
class RemoteTextEmbedderTest {

    private ScriptedEmbedder server;
    private EmbedderClient client;
    private RemoteTextEmbedder embedder;

    @BeforeEach
    void start() throws IOException {
        server = ScriptedEmbedder.start();
        client = new EmbedderClient(TestClientConfig.of(server.url()));
        embedder = new RemoteTextEmbedder(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void lists_the_text_models_and_their_dimensions() {
        assertThat(embedder.models()).containsExactly(ScriptedEmbedder.PROMPTED, ScriptedEmbedder.MODEL, "text-only");
        assertThat(embedder.dimensions("text-only")).isEqualTo(8);
    }

    @Test
    void queries_go_behind_the_models_prompt_and_documents_as_they_are() {
        List<float[]> documents = embedder.embedDocuments(ScriptedEmbedder.PROMPTED, List.of("abc"));
        List<float[]> queries = embedder.embedQueries(ScriptedEmbedder.PROMPTED, List.of("abc"));
        List<float[]> plain = embedder.embedQueries(ScriptedEmbedder.MODEL, List.of("abc"));

        // the scripted service embeds a text as [its length, 0, 0, 0]
        assertThat(documents.getFirst()[0]).isEqualTo(3f);
        assertThat(queries.getFirst()[0]).isEqualTo(3f + ScriptedEmbedder.PROMPT.length());
        assertThat(plain.getFirst()[0]).isEqualTo(3f);
        assertThat(server.textBodies().get(1)).contains("\"" + ScriptedEmbedder.PROMPT + "abc\"");
    }

    @Test
    void an_unknown_model_and_a_refused_text_are_told_apart_from_an_outage() {
        assertThatThrownBy(() -> embedder.embedDocuments("nope", List.of("x")))
                .isInstanceOf(TextEmbedder.UnknownTextModelException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining(ScriptedEmbedder.PROMPTED);
        server.then(ScriptedEmbedder.Reply.problem(
                422, "{\"title\":\"text 1 is too long\",\"status\":422,\"index\":1,\"reason\":\"TEXT_TOO_LONG\"}"));
        assertThatThrownBy(() -> embedder.embedDocuments(ScriptedEmbedder.MODEL, List.of("a", "b")))
                .isInstanceOfSatisfying(
                        TextEmbedder.TextRefusedException.class,
                        e -> assertThat(e.index()).isEqualTo(1));
        server.then(
                ScriptedEmbedder.Reply.failing(503),
                ScriptedEmbedder.Reply.failing(503),
                ScriptedEmbedder.Reply.failing(503));
        assertThatThrownBy(() -> embedder.embedDocuments(ScriptedEmbedder.MODEL, List.of("a")))
                .isInstanceOf(EmbedderUnavailableException.class);
    }
}
