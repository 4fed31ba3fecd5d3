package dev.loupe.deploy.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every configuration key one service reads: its Loupe {@code @ConfigMapping}s, the {@code quarkus.*}
 * keys of the extensions it ships, and what its packaged {@code application.properties} sets (those
 * keys have a value already, so none of them is missing).
 *
 * @param service the service's name ({@code search-service})
 * @param keys what it reads
 * @param packaged the packaged application.properties, without profiled ({@code %test.}) keys
 */
public record ServiceKeys(String service, List<ConfigKey> keys, Map<String, String> packaged) {

    private static final String LOUPE_JARS = "dev.loupe.";

    public ServiceKeys {
        keys = List.copyOf(keys);
        packaged = Map.copyOf(packaged);
    }

    /** The keys of a packaged service: {@code <module>/target/quarkus-app}, the Quarkus fast-jar layout. */
    public static ServiceKeys read(String service, Path quarkusApp) {
        if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(quarkusApp + " holds no packaged service: package it first"
                    + " (./mvnw package -DskipTests -pl " + service + " -am)");
        }
        List<Path> appJars = jars(quarkusApp.resolve("app"));
        List<Path> libJars = jars(quarkusApp.resolve("lib/main"));
        List<Path> all = new ArrayList<>(appJars);
        all.addAll(libJars);
        List<ConfigKey> keys = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(urls(all), ClassLoader.getPlatformClassLoader())) {
            List<Path> loupeJars = new ArrayList<>(appJars);
            libJars.stream()
                    .filter(jar -> jar.getFileName().toString().startsWith(LOUPE_JARS))
                    .forEach(loupeJars::add);
            for (Path jar : loupeJars) {
                for (Class<?> mapping : mappings(jar, loader)) {
                    keys.addAll(MappingKeys.of(mapping));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        libJars.forEach(jar -> keys.addAll(QuarkusConfigModel.of(jar)));
        Map<String, String> packaged = new LinkedHashMap<>();
        for (Path jar : appJars) {
            packaged.putAll(applicationProperties(jar));
        }
        return withPackaged(service, keys, packaged);
    }

    /** Keys from mapping interfaces on this class path (tests), plus packaged properties. */
    public static ServiceKeys of(String service, List<Class<?>> mappings, Map<String, String> packaged) {
        List<ConfigKey> keys = new ArrayList<>();
        mappings.forEach(mapping -> keys.addAll(MappingKeys.of(mapping)));
        return withPackaged(service, keys, packaged);
    }

    /** The key a property sets, if the service reads it. */
    public Optional<ConfigKey> property(String property) {
        return keys.stream().filter(key -> key.matchesProperty(property)).min(SPECIFIC_FIRST);
    }

    /** The key an environment variable sets, if the service reads it. */
    public Optional<ConfigKey> environment(String variable) {
        return keys.stream().filter(key -> key.matchesEnvironment(variable)).min(SPECIFIC_FIRST);
    }

    /** Keys the service cannot start without: no default, not optional, and not set by the package. */
    public List<ConfigKey> required() {
        return keys.stream()
                .filter(ConfigKey::required)
                .filter(key -> packaged.keySet().stream().noneMatch(key::matchesProperty))
                .toList();
    }

    /** The key of this exact name (for lists of keys a deployment must set). */
    public ConfigKey named(String name) {
        return property(name).orElseThrow(() -> new IllegalArgumentException(service + " reads no key " + name));
    }

    /** Fewer wildcards first: {@code quarkus.datasource.username} before {@code quarkus.datasource.*.username}. */
    private static final Comparator<ConfigKey> SPECIFIC_FIRST = Comparator.comparingLong(
            key -> key.name().chars().filter(c -> c == '*').count());

    private static ServiceKeys withPackaged(String service, List<ConfigKey> keys, Map<String, String> packaged) {
        List<ConfigKey> all = new ArrayList<>(keys);
        for (Map.Entry<String, String> entry : packaged.entrySet()) {
            boolean known = all.stream().anyMatch(key -> key.matchesProperty(entry.getKey()));
            if (!known && !entry.getKey().startsWith("quarkus.")) {
                // a key only application.properties names (read by code through Config, say)
                all.add(new ConfigKey(
                        entry.getKey(),
                        false,
                        Optional.of(entry.getValue()),
                        List.of(),
                        false,
                        "application.properties"));
            }
        }
        return new ServiceKeys(service, all, packaged);
    }

    private static List<Path> jars(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(jars.get(i).toString(), e);
            }
        }
        return urls;
    }

    private static List<Class<?>> mappings(Path jar, ClassLoader loader) throws IOException {
        List<Class<?>> mappings = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.contains("-")) {
                    continue;
                }
                String className =
                        name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> type = Class.forName(className, false, loader);
                    if (MappingKeys.isMapping(type)) {
                        mappings.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class that needs an optional dependency the service does not ship: not a mapping
                }
            }
        }
        return mappings;
    }

    private static Map<String, String> applicationProperties(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry("application.properties");
            Map<String, String> out = new LinkedHashMap<>();
            if (entry == null) {
                return out;
            }
            Properties properties = new Properties();
            try (InputStream in = file.getInputStream(entry)) {
                properties.load(in);
            }
            properties.stringPropertyNames().stream()
                    .filter(name -> !name.startsWith("%"))
                    .sorted()
                    .forEach(name -> out.put(name, properties.getProperty(name)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties of " + jar, e);
        }
    }
}
