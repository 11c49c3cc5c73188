package fr.backoffice.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An answer that several operations declare alike (the same status, description, body and headers, as the shared
 * action annotations give them) is written once, as {@code #/components/responses/<status>-<first problem code, or
 * the body's schema>-<digest>}, and referred to by each operation (docs/api.md "The contract"); so is an example
 * value several answers show alike. The digest is that of the answer
 * itself, so a name changes only when its answer does, whatever else changes in the document.
 * Why not annotations: MicroProfile OpenAPI declares component responses on the application class only, so each of
 * these answers would be written there, far from the operations that answer it; here it stays beside its operation.
 * Only answers whose body is a schema reference with examples by reference are shared.
 */
final class RepeatedResponses {

    private static final String RESPONSES = "#/components/responses/";

    private RepeatedResponses() {
    }

    static void share(OpenAPI openAPI) {
        Map<String, List<APIResponse>> alike = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        shareExamples(openAPI);
        forEachResponse(openAPI, (status, response) -> {
            String key = key(status, response);
            if (key != null) {
                alike.computeIfAbsent(key, ignored -> new ArrayList<>()).add(response);
                names.put(key, status + "-" + label(status, response) + "-" + digest(key));
            }
        });
        alike.forEach((key, responses) -> {
            if (responses.size() < 2) {
                return;
            }
            APIResponse first = responses.get(0);
            openAPI.getComponents().addResponse(names.get(key), OASFactory.createAPIResponse()
                    .description(first.getDescription()).content(first.getContent()).headers(first.getHeaders()));
            for (APIResponse response : responses) {
                response.setDescription(null);
                response.setContent(null);
                response.setHeaders(null);
                response.setRef(RESPONSES + names.get(key));
            }
        });
    }

    private interface ResponseVisitor {
        void visit(String status, APIResponse response);
    }

    private static void forEachResponse(OpenAPI openAPI, ResponseVisitor visitor) {
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().forEach((status, response) -> {
                        if (response.getRef() == null) {
                            visitor.visit(status, response);
                        }
                    });
                }
            }
        }
    }

    /** What makes two answers the same, or null when the answer holds more than references and cannot be shared. */
    private static String key(String status, APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes().size() != 1
                || response.getLinks() != null || response.getExtensions() != null) {
            return null;
        }
        MediaType media = response.getContent().getMediaTypes().values().iterator().next();
        if (media.getSchema() == null || media.getSchema().getRef() == null || media.getExample() != null
                || media.getExamples() == null || media.getExamples().values().stream().anyMatch(e -> e.getRef() == null)) {
            return null;
        }
        Map<String, String> headers = new TreeMap<>();
        for (Map.Entry<String, Header> header : nonNull(response.getHeaders()).entrySet()) {
            headers.put(header.getKey(), fingerprint(header.getValue()));
        }
        return status + "\n" + response.getDescription() + "\n" + response.getContent().getMediaTypes().keySet()
                + "\n" + media.getSchema().getRef() + "\n" + media.getExamples().keySet() + "\n" + headers;
    }

    /** A header as the document writes it: a reference, or its description and the bounds of its value. */
    private static String fingerprint(Header header) {
        if (header.getRef() != null) {
            return header.getRef();
        }
        Schema schema = header.getSchema();
        return header.getDescription() + "|" + header.getRequired() + "|" + (schema == null ? "" : List.of(
                String.valueOf(schema.getType()), String.valueOf(schema.getFormat()), String.valueOf(schema.getPattern()),
                String.valueOf(schema.getMaxLength()), String.valueOf(schema.getMinimum()),
                String.valueOf(schema.getMaximum()), String.valueOf(schema.getEnumeration()),
                String.valueOf(schema.getRef())));
    }

    /**
     * An example value that several answers show alike (an action's answer shared by its annotation) is written once,
     * as {@code #/components/examples/<its name>}, and referred to.
     */
    private static void shareExamples(OpenAPI openAPI) {
        Map<String, List<MediaType>> alike = new TreeMap<>();
        forEachResponse(openAPI, (status, response) -> {
            if (response.getContent() != null) {
                response.getContent().getMediaTypes().values().forEach(media -> {
                    if (media.getExamples() != null) {
                        media.getExamples().forEach((name, example) -> {
                            if (example.getRef() == null && example.getValue() != null) {
                                alike.computeIfAbsent(name + "\n" + example.getValue(), ignored -> new ArrayList<>()).add(media);
                            }
                        });
                    }
                });
            }
        });
        alike.forEach((key, medias) -> {
            if (medias.size() < 2) {
                return;
            }
            String name = key.substring(0, key.indexOf('\n'));
            String component = name.replaceAll("[^A-Za-z0-9._-]+", "-");
            if (openAPI.getComponents().getExamples() != null && openAPI.getComponents().getExamples().containsKey(component)) {
                component += "-" + digest(key);
            }
            openAPI.getComponents().addExample(component, medias.get(0).getExamples().get(name));
            for (MediaType media : medias) {
                Map<String, Example> examples = new LinkedHashMap<>(media.getExamples());
                examples.put(name, OASFactory.createExample().ref("#/components/examples/" + component));
                media.setExamples(examples);
            }
        });
    }

    /** What names a shared answer beside its status: its first problem code, or the schema of its body. */
    private static String label(String status, APIResponse response) {
        MediaType media = response.getContent().getMediaTypes().values().iterator().next();
        if (status.startsWith("4") || status.startsWith("5")) {
            return media.getExamples().keySet().iterator().next();
        }
        String ref = media.getSchema().getRef();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static Map<String, Header> nonNull(Map<String, Header> headers) {
        return headers == null ? new LinkedHashMap<>() : headers;
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
    }
}
