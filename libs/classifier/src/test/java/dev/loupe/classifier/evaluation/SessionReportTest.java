package dev.loupe.classifier.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionReportTest {

    private static SessionTrace trace(String name, double trainedStep, int rounds) {
        List<RoundResult> results = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            Precision trained = new Precision(Math.min(1, r * trainedStep), r * trainedStep / 2);
            Precision prompt = new Precision(0.1, 0.1);
            Precision average = new Precision(0.2, 0.15);
            results.add(new RoundResult(r, List.of(), 10 * r, r, trained, prompt, average, 0.5, 1.0));
        }
        return new SessionTrace(new SessionSimulator.Target(0, name, new float[] {1, 0}), 60, 600, results);
    }

    @Test
    void averages_every_round_over_the_targets() {
        List<SessionReport.MeanRound> means = SessionReport.means(List.of(trace("a", 0.1, 3), trace("b", 0.3, 3)));

        assertThat(means).extracting(SessionReport.MeanRound::round).containsExactly(0, 1, 2, 3);
        assertThat(means.get(2).trained().all()).isCloseTo(0.4, within(1e-12));
        assertThat(means.get(2).trained().unlabelled()).isCloseTo(0.2, within(1e-12));
        assertThat(means.get(3).labels()).isEqualTo(30);
        assertThat(means.get(1).averageVector()).isEqualTo(new Precision(0.2, 0.15));
    }

    @Test
    void the_table_has_one_row_per_round_and_one_line_per_target() {
        String markdown = SessionReport.markdown(List.of(trace("a|b", 0.1, 5), trace("c", 0.2, 5)), 50);

        List<String> lines = markdown.lines().toList();
        int header = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("| round |"))
                .findFirst()
                .orElseThrow());
        List<String> rows = lines.subList(header + 2, lines.size()).stream()
                .takeWhile(l -> l.startsWith("| "))
                .toList();
        assertThat(rows).hasSize(6);
        assertThat(rows.getFirst()).startsWith("| 0 | 0 | 0.0 | 0.000 | 0.100 | 0.200 |");
        assertThat(rows.getLast()).startsWith("| 5 | 50 | 5.0 | 0.750 | 0.100 | 0.200 |");
        assertThat(markdown)
                .contains("Precision@50 per round, mean over 2 targets")
                .contains("expected precision is the target's share of the collection: 0.100 on average")
                .contains("| a\\|b | 60 | 50 | 5 | 0.50 | 0.10 | 0.20 |")
                .contains("| c | 60 | 50 | 5 | 1.00 | 0.10 | 0.20 |");
    }

    @Test
    void refuses_no_sessions_and_sessions_of_different_lengths() {
        assertThatThrownBy(() -> SessionReport.means(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionReport.means(List.of(trace("a", 0.1, 2), trace("b", 0.1, 3))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
