package dev.loupe.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the migrations by name from the class path. Flyway would otherwise list a directory of
 * the class path, which Quarkus' packaged class loader does not answer.
 */
final class MigrationResources implements ResourceProvider {

    /** Where the migrations lie on the class path. */
    static final String DIRECTORY = "db/loupe/";

    private final List<String> names;

    MigrationResources(List<String> names) {
        this.names = List.copyOf(names);
    }

    @Override
    public LoadableResource getResource(String name) {
        String file = name.startsWith(DIRECTORY) ? name.substring(DIRECTORY.length()) : name;
        return names.contains(file) ? new Migration(file) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        for (String name : names) {
            for (String suffix : suffixes) {
                if (name.startsWith(prefix) && name.endsWith(suffix)) {
                    found.add(new Migration(name));
                    break;
                }
            }
        }
        return found;
    }

    /** One migration script, read whole from the class path. */
    private static final class Migration extends LoadableResource {

        private final String name;

        Migration(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            String path = DIRECTORY + name;
            try (InputStream in = MigrationResources.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("migration " + path + " is not on the class path");
                }
                return new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migration " + path, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return DIRECTORY + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return DIRECTORY + name;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
