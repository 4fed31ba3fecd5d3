package dev.loupe.deploy.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pinned helm and compose-check (deploy/ci/deploy-tools.env), installed by
 * deploy/ci/install-deploy-tools.sh outside the clone when they are not there yet, and run.
 *
 * @param repository the repository root
 */
public record DeployTools(Path repository, Path helm, Path composeCheck) {

    private static final long TIMEOUT_MINUTES = 20;

    /** Locates the tools, installing them first when needed (minutes on a cold Go build cache). */
    public static DeployTools install(Path repository) {
        String script = "set -euo pipefail; source deploy/ci/deploy-tools.env;"
                + " compose_check=$(deploy/ci/install-deploy-tools.sh); printf '%s\\n%s\\n' \"$HELM\" \"$compose_check\"";
        List<String> lines =
                run(repository, List.of("bash", "-c", script)).lines().toList();
        if (lines.size() < 2) {
            throw new IllegalStateException("deploy/ci/install-deploy-tools.sh printed no tool paths: " + lines);
        }
        return new DeployTools(repository, Path.of(lines.get(lines.size() - 2)), Path.of(lines.get(lines.size() - 1)));
    }

    /** helm template of the chart with these arguments (values files, --set); its YAML. */
    public String helmTemplate(Path chart, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(helm.toString(), "template", "loupe", chart.toString()));
        command.addAll(arguments);
        return run(repository, command);
    }

    /** compose-check of these files with this env file: the resolved project as JSON. */
    public String composeConfig(Path envFile, List<Path> files) {
        List<String> command = new ArrayList<>(List.of(composeCheck.toString(), "-env-file", envFile.toString()));
        files.forEach(file -> command.add(file.toString()));
        return run(repository, command);
    }

    /** Runs a command in a directory; its standard output, or an exception with everything it printed. */
    static String run(Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            var stderr = process.getErrorStream();
            Thread drain = Thread.ofVirtual().start(() -> {
                try {
                    stderr.transferTo(System.err);
                } catch (IOException e) {
                    // the process went away
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            drain.join();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (exit " + process.exitValue() + "); see its"
                        + " standard error above. Output:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
