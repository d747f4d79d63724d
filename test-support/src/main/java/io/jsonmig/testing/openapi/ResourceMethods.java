package io.jsonmig.testing.openapi;

import jakarta.ws.rs.HttpMethod;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The JAX-RS resource methods a service declares, found in its compiled classes: Jandex finds the classes
 * annotated with {@code @Path}, reflection walks their methods and those they inherit (a preflight resource
 * inherits its {@code POST} from service-support).
 */
public final class ResourceMethods {

    private static final DotName PATH = DotName.createSimple(jakarta.ws.rs.Path.class);

    /** One HTTP operation: its method ({@code get}, {@code post} …), its path template, the Java method. */
    public record Endpoint(String httpMethod, String path, String javaMethod) {
        @Override
        public String toString() {
            return httpMethod.toUpperCase(Locale.ROOT) + " " + path + " (" + javaMethod + ")";
        }
    }

    private ResourceMethods() {
    }

    /** Every resource method of the classes under {@code classesDir} (a module's {@code target/classes}). */
    public static List<Endpoint> in(Path classesDir) {
        return List.copyOf(withMethods(classesDir).keySet());
    }

    /** Every resource method of the classes under {@code classesDir} with the Java method that serves it. */
    public static Map<Endpoint, Method> withMethods(Path classesDir) {
        Map<Endpoint, Method> endpoints = new TreeMap<>(Comparator.comparing(Endpoint::path)
                .thenComparing(Endpoint::httpMethod).thenComparing(Endpoint::javaMethod));
        for (ClassInfo resource : index(classesDir).getKnownClasses()) {
            if (resource.declaredAnnotation(PATH) != null && !resource.isInterface() && !resource.isAbstract()) {
                endpoints.putAll(of(load(resource.name().toString())));
            }
        }
        return endpoints;
    }

    static Map<Endpoint, Method> of(Class<?> resource) {
        String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
        Map<Endpoint, Method> endpoints = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> type = resource; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null || !seen.add(method.getName() + List.of(method.getParameterTypes()))) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                endpoints.put(new Endpoint(httpMethod, template(base, sub == null ? "" : sub.value()),
                        resource.getSimpleName() + "." + method.getName()), method);
            }
        }
        return endpoints;
    }

    /** The OpenAPI form of a JAX-RS path: joined with single slashes, regular expressions of parameters dropped. */
    static String template(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/").replaceAll("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static Index index(Path classesDir) {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index the classes under " + classesDir, e);
        }
        return indexer.complete();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("resource class " + name + " is not on the test's class path", e);
        }
    }
}
