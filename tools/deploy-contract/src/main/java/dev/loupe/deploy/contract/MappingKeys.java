package dev.loupe.deploy.contract;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The keys of a SmallRye {@code @ConfigMapping} interface, read by reflection the way SmallRye Config
 * names them: kebab-case method names under the mapping's prefix, {@code @WithName}, {@code
 * @WithParentName}, {@code @WithDefault}, nested groups, {@code Optional}s and maps. The annotations are
 * looked up by name in the mapping's own class loader, so that a service's packaged jars can be read
 * without sharing classes with this tool.
 */
final class MappingKeys {

    private static final String CONFIG = "io.smallrye.config.";

    private final Class<? extends Annotation> withName;
    private final Class<? extends Annotation> withParentName;
    private final Class<? extends Annotation> withDefault;
    private final List<ConfigKey> keys = new ArrayList<>();
    private final String origin;

    private MappingKeys(Class<?> mapping) {
        ClassLoader loader = mapping.getClassLoader();
        this.withName = annotation(loader, "WithName");
        this.withParentName = annotation(loader, "WithParentName");
        this.withDefault = annotation(loader, "WithDefault");
        this.origin = mapping.getName();
    }

    /** The keys of a mapping interface under its {@code @ConfigMapping} prefix. */
    static List<ConfigKey> of(Class<?> mapping) {
        Annotation configMapping = Arrays.stream(mapping.getAnnotations())
                .filter(a -> a.annotationType().getName().equals(CONFIG + "ConfigMapping"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(mapping + " is not a @ConfigMapping"));
        String prefix = (String) value(configMapping, "prefix");
        MappingKeys walker = new MappingKeys(mapping);
        walker.group(prefix, mapping, false);
        return List.copyOf(walker.keys);
    }

    /** Whether a class is a {@code @ConfigMapping} interface (annotation looked up by name). */
    static boolean isMapping(Class<?> type) {
        return type.isInterface()
                && Arrays.stream(type.getAnnotations())
                        .anyMatch(a -> a.annotationType().getName().equals(CONFIG + "ConfigMapping"));
    }

    private void group(String prefix, Class<?> type, boolean optional) {
        for (Method method : properties(type)) {
            String name = method.isAnnotationPresent(withParentName)
                    ? prefix
                    : join(
                            prefix,
                            method.isAnnotationPresent(withName)
                                    ? (String) value(method.getAnnotation(withName), "value")
                                    : kebab(method.getName()));
            Optional<String> defaultValue = method.isAnnotationPresent(withDefault)
                    ? Optional.of((String) value(method.getAnnotation(withDefault), "value"))
                    : Optional.empty();
            member(name, method.getGenericReturnType(), optional, defaultValue);
        }
    }

    private void member(String name, Type type, boolean optional, Optional<String> defaultValue) {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            member(name, argument(type, 0), true, defaultValue);
        } else if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
            leaf(name, raw, true, defaultValue);
        } else if (Map.class.isAssignableFrom(raw)) {
            Type values = argument(type, 1);
            if (isGroup(raw(values))) {
                group(join(name, "*"), raw(values), true);
            } else {
                leaf(join(name, "**"), raw(values), true, defaultValue);
            }
        } else if (isGroup(raw)) {
            group(name, raw, optional);
        } else {
            leaf(name, raw, optional, defaultValue);
        }
    }

    private void leaf(String name, Class<?> type, boolean optional, Optional<String> defaultValue) {
        List<String> allowed = type.isEnum()
                ? Arrays.stream(type.getEnumConstants()).map(Object::toString).toList()
                : List.of();
        keys.add(new ConfigKey(name, !optional && defaultValue.isEmpty(), defaultValue, allowed, false, origin));
    }

    /** Abstract no-argument methods, the most specific declaration of each (sub-interfaces redeclare defaults). */
    private static List<Method> properties(Class<?> type) {
        Map<String, Method> byName = new LinkedHashMap<>();
        for (Method method : type.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers())
                    || Modifier.isStatic(method.getModifiers())
                    || method.getParameterCount() > 0) {
                continue;
            }
            byName.merge(
                    method.getName(),
                    method,
                    (a, b) -> a.getDeclaringClass().isAssignableFrom(b.getDeclaringClass()) ? b : a);
        }
        return List.copyOf(byName.values());
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    /** SmallRye's default naming: {@code maxBatchSize} → {@code max-batch-size}. */
    static String kebab(String methodName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean previousLower = i > 0 && !Character.isUpperCase(methodName.charAt(i - 1));
                boolean nextLower = i + 1 < methodName.length() && Character.isLowerCase(methodName.charAt(i + 1));
                if (i > 0 && (previousLower || nextLower)) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : name.isEmpty() ? prefix : prefix + "." + name;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> annotation(ClassLoader loader, String simpleName) {
        try {
            return (Class<? extends Annotation>) Class.forName(CONFIG + simpleName, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no " + CONFIG + simpleName + " next to the mapping", e);
        }
    }

    private static Object value(Annotation annotation, String attribute) {
        try {
            return annotation.annotationType().getMethod(attribute).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + annotation + "." + attribute, e);
        }
    }
}
