package fr.backoffice.common.http;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A query parameter the endpoint does not take is refused (400 {@code UNKNOWN_QUERY_PARAMETER}, listing the ones it
 * takes), so that a misspelled filter never silently returns everything. The parameters an endpoint takes are its
 * method's {@code @QueryParam}s and those of its {@code @BeanParam}s ({@link fr.backoffice.common.paging.PageRequest}),
 * read once per method.
 */
public class KnownQueryParameters {

    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUnknown(UriInfo uri, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || uri.getQueryParameters().isEmpty()) {
            return;
        }
        Set<String> allowed = known.computeIfAbsent(method, KnownQueryParameters::queryParameters);
        List<FieldError> unknown = new ArrayList<>();
        String takes = allowed.isEmpty() ? "none" : String.join(", ", allowed);
        for (String name : new TreeSet<>(uri.getQueryParameters().keySet())) {
            if (!allowed.contains(name)) {
                unknown.add(new FieldError(name, "unknown query parameter; allowed: " + takes));
            }
        }
        if (!unknown.isEmpty()) {
            String names = String.join("', '", unknown.stream().map(FieldError::field).toList());
            throw new ApiException(ProblemCode.UNKNOWN_QUERY_PARAMETER, "Unknown query parameter '" + names
                    + "'; this endpoint takes " + (allowed.isEmpty() ? "no query parameters." : "only: " + takes + "."),
                    unknown);
        }
    }

    private static Set<String> queryParameters(Method method) {
        Set<String> names = new TreeSet<>();
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            for (Annotation annotation : annotations[i]) {
                collect(annotation, types[i], method.getParameters()[i].getName(), names);
            }
        }
        return Set.copyOf(names);
    }

    private static void collect(Annotation annotation, Class<?> type, String javaName, Set<String> names) {
        if (annotation instanceof QueryParam query) {
            names.add(query.value());
        } else if (annotation instanceof RestQuery query) {
            names.add(query.value().isEmpty() ? javaName : query.value());
        } else if (annotation instanceof BeanParam) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    for (Annotation fieldAnnotation : field.getAnnotations()) {
                        collect(fieldAnnotation, field.getType(), field.getName(), names);
                    }
                }
            }
        }
    }
}
