package fr.backoffice.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the whole contract promises beyond each resource's annotations (docs/api.md "The contract"): the shared
 * answers ({@link ProblemResponsesFilter}), the server, CORS, the limits every value of a kind has, the
 * {@code required} list of every answer, and an example on every successful response.
 * Why a filter and not annotations: each of these is a rule over the whole document, true of every operation or every
 * value of a type, which an annotation could only repeat on each of hundreds of fields and operations, and forget on
 * the next one: every instant or date is as long as ISO 8601 writes it, every uuid 36 characters, every integer within
 * its format (the Java types say nothing of it); every answer lists its properties as {@code required}, as Jackson
 * writes each of them; every answer shows an example, built from its schema's examples when the resource gave none.
 * Nothing here reads a description or a parameter's name: what depends on a field is annotated on the field.
 */
public class ContractFilter implements OASFilter {

    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    private static final String REF_PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        new ProblemResponsesFilter().filterOpenAPI(openAPI);
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.servers(List.of(OASFactory.createServer().url("/").description(
                        "The deployment serving this document (local, staging or production alike): the service is "
                                + "reached at the origin it is served from")
                .addExtension("x-internal", true)));
        openAPI.getComponents().addHeader(ALLOW_ORIGIN, OASFactory.createHeader()
                .description("The calling front-office origin, when it is one of the origins the deployment allows "
                        + "(`BACKOFFICE_CORS_ORIGINS`); absent otherwise, so that browsers refuse the answer to other pages")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri").maxLength(2048)));
        Map<String, Object> known = knownExamples(openAPI);
        Set<String> requestSchemas = requestSchemas(openAPI);
        openAPI.getComponents().getResponses().values().forEach(ContractFilter::withAllowOrigin);
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                operation.getResponses().getAPIResponses().forEach((status, response) -> {
                    withAllowOrigin(response);
                    if (response.getRef() == null && !status.startsWith("4") && !status.startsWith("5")
                            && response.getContent() != null) {
                        for (MediaType media : response.getContent().getMediaTypes().values()) {
                            if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())
                                    && media.getSchema() != null) {
                                exampleOf(openAPI, media, known);
                            }
                        }
                    }
                });
            }
        }
        List<Schema> all = allSchemas(openAPI);
        all.forEach(schema -> limit(schema, openAPI.getComponents().getSchemas()));
        // after the referenced schemas have their own
        all.forEach(schema -> limit(schema, openAPI.getComponents().getSchemas()));
        openAPI.getComponents().getSchemas().forEach((name, schema) -> {
            if (!requestSchemas.contains(name) && isObject(schema) && schema.getProperties() != null
                    && schema.getRequired() == null) {
                // what the service always sends: Jackson writes every property, null ones included, unless the
                // DTO says otherwise (those DTOs list their required properties themselves)
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        });
        RepeatedResponses.share(openAPI);
    }

    /**
     * An answer's example built from its schema: one component per schema ({@code #/components/examples/<Schema>}),
     * referred to by every answer of that schema; an answer whose schema is written in place gets its own.
     */
    private static void exampleOf(OpenAPI openAPI, MediaType media, Map<String, Object> known) {
        Object value = example(openAPI, media.getSchema(), known, new HashSet<>());
        if (media.getSchema().getRef() == null) {
            media.setExample(value);
            return;
        }
        String name = name(media.getSchema().getRef());
        if (openAPI.getComponents().getExamples() == null || !openAPI.getComponents().getExamples().containsKey(name)) {
            openAPI.getComponents().addExample(name, OASFactory.createExample().summary(name).value(value));
        }
        media.addExample(name, OASFactory.createExample().ref("#/components/examples/" + name));
    }

    /** A shared response carries the header in its component; an operation's reference to it must stay bare. */
    private static void withAllowOrigin(APIResponse response) {
        if (response.getRef() == null) {
            response.addHeader(ALLOW_ORIGIN, OASFactory.createHeader().ref("#/components/headers/" + ALLOW_ORIGIN));
        }
    }

    /**
     * The limits a value has whatever field it is in: dates and instants are as long as ISO 8601 writes them, a uuid
     * 36 characters, an integer within its format, a nullable enum admits null (OpenAPI 3.0 wants it listed).
     */
    private static void limit(Schema schema, Map<String, Schema> components) {
        if (hasType(schema, Schema.SchemaType.STRING) && schema.getMaxLength() == null && schema.getEnumeration() == null) {
            String format = schema.getFormat();
            if ("date".equals(format)) {
                schema.setMaxLength(10);
            } else if ("date-time".equals(format)) {
                // 2026-11-28T09:15:00.123456789+01:00
                schema.setMaxLength(35);
            } else if ("uuid".equals(format)) {
                schema.setMaxLength(36);
            }
        }
        if (hasType(schema, Schema.SchemaType.INTEGER)) {
            boolean int32 = "int32".equals(schema.getFormat());
            if (!int32) {
                schema.setFormat("int64");
            }
            if (schema.getMinimum() == null) {
                schema.setMinimum(BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            }
            if (schema.getMaximum() == null) {
                schema.setMaximum(BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        }
        if (hasType(schema, Schema.SchemaType.NULL) && schema.getEnumeration() != null
                && !schema.getEnumeration().contains(null)) {
            List<Object> values = new ArrayList<>(schema.getEnumeration());
            values.add(null);
            schema.setEnumeration(values);
        }
        if (schema.getRef() != null && schema.getMaxLength() == null) {
            // a reference with anything beside it (a description, an example, required) is written as a string of
            // its own (allOf the reference): the referenced limit must be repeated there
            boolean annotated = schema.getDescription() != null || schema.getExample() != null
                    || (schema.getExamples() != null && !schema.getExamples().isEmpty());
            Schema target = components.get(name(schema.getRef()));
            if (target != null && target.getMaxLength() != null) {
                schema.setMaxLength(target.getMaxLength());
                schema.setFormat(target.getFormat());
            } else if (annotated && target != null && hasType(target, Schema.SchemaType.STRING) && target.getEnumeration() != null) {
                schema.setMaxLength(target.getEnumeration().stream().filter(value -> value != null)
                        .mapToInt(value -> value.toString().length()).max().orElse(0));
            }
        }
    }

    /** The examples the resources wrote, by the schema they illustrate, to reuse where the same schema comes back. */
    private static Map<String, Object> knownExamples(OpenAPI openAPI) {
        Map<String, Object> known = new LinkedHashMap<>();
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                    if (response.getContent() == null) {
                        continue;
                    }
                    for (MediaType media : response.getContent().getMediaTypes().values()) {
                        if (media.getSchema() == null || media.getSchema().getRef() == null) {
                            continue;
                        }
                        Object value = media.getExample();
                        if (value == null && media.getExamples() != null && !media.getExamples().isEmpty()) {
                            value = media.getExamples().values().iterator().next().getValue();
                        }
                        if (value != null) {
                            known.putIfAbsent(name(media.getSchema().getRef()), value);
                        }
                    }
                }
            }
        }
        return known;
    }

    /** An example built from the schema: its properties' examples, the first of an enumeration, a page of one. */
    private static Object example(OpenAPI openAPI, Schema schema, Map<String, Object> known, Set<String> seen) {
        if (schema.getRef() != null) {
            String name = name(schema.getRef());
            if (known.containsKey(name)) {
                return known.get(name);
            }
            Schema target = openAPI.getComponents().getSchemas().get(name);
            if (target == null || !seen.add(name)) {
                return null;
            }
            Object value = example(openAPI, target, known, seen);
            seen.remove(name);
            return value;
        }
        if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return schema.getExamples().get(0);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().get(0);
        }
        if (schema.getProperties() != null) {
            Map<String, Object> value = new LinkedHashMap<>();
            schema.getProperties().forEach((property, propertySchema) ->
                    value.put(property, example(openAPI, propertySchema, known, seen)));
            return value;
        }
        if (hasType(schema, Schema.SchemaType.ARRAY) && schema.getItems() != null) {
            Object item = example(openAPI, schema.getItems(), known, seen);
            return item == null ? List.of() : List.of(item);
        }
        if (hasType(schema, Schema.SchemaType.STRING)) {
            return switch (schema.getFormat() == null ? "" : schema.getFormat()) {
                case "date" -> "2026-11-30";
                case "date-time" -> "2026-11-30T09:15:00Z";
                case "uuid" -> "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70";
                default -> hasType(schema, Schema.SchemaType.NULL) ? null : "";
            };
        }
        if (hasType(schema, Schema.SchemaType.INTEGER)) {
            return schema.getMinimum() != null && schema.getMinimum().signum() > 0 ? schema.getMinimum().longValue() : 0;
        }
        if (hasType(schema, Schema.SchemaType.BOOLEAN)) {
            return true;
        }
        return hasType(schema, Schema.SchemaType.OBJECT) ? Map.of() : null;
    }

    /** The component schemas request bodies use, directly or through others: their properties are optional as declared. */
    private static Set<String> requestSchemas(OpenAPI openAPI) {
        Deque<Schema> pending = new ArrayDeque<>();
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                RequestBody body = operation.getRequestBody();
                if (body != null && body.getContent() != null) {
                    body.getContent().getMediaTypes().values().forEach(media -> {
                        if (media.getSchema() != null) {
                            pending.add(media.getSchema());
                        }
                    });
                }
            }
        }
        Set<String> names = new HashSet<>();
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null) {
                String name = name(schema.getRef());
                Schema target = openAPI.getComponents().getSchemas().get(name);
                if (names.add(name) && target != null) {
                    pending.add(target);
                }
                continue;
            }
            children(schema).forEach(pending::add);
        }
        return names;
    }

    /** Every schema of the document: components, parameters, headers, bodies, and all they contain. */
    private static List<Schema> allSchemas(OpenAPI openAPI) {
        Deque<Schema> pending = new ArrayDeque<>(openAPI.getComponents().getSchemas().values());
        if (openAPI.getComponents().getHeaders() != null) {
            openAPI.getComponents().getHeaders().values().forEach(header -> addSchema(pending, header.getSchema()));
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> addSchema(pending, parameter.getSchema()));
                }
                if (operation.getRequestBody() != null) {
                    addContent(pending, operation.getRequestBody().getContent());
                }
                if (operation.getResponses() != null) {
                    for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                        addContent(pending, response.getContent());
                        if (response.getHeaders() != null) {
                            for (Header header : response.getHeaders().values()) {
                                addSchema(pending, header.getSchema());
                            }
                        }
                    }
                }
            }
        }
        List<Schema> all = new ArrayList<>();
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            all.add(schema);
            children(schema).forEach(pending::add);
        }
        return all;
    }

    private static void addContent(Deque<Schema> pending, Content content) {
        if (content != null) {
            content.getMediaTypes().values().forEach(media -> addSchema(pending, media.getSchema()));
        }
    }

    private static void addSchema(Deque<Schema> pending, Schema schema) {
        if (schema != null) {
            pending.add(schema);
        }
    }

    private static List<Schema> children(Schema schema) {
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        if (schema.getItems() != null) {
            children.add(schema.getItems());
        }
        for (List<Schema> group : List.of(nonNull(schema.getAllOf()), nonNull(schema.getOneOf()), nonNull(schema.getAnyOf()))) {
            children.addAll(group);
        }
        return children;
    }

    private static List<Schema> nonNull(List<Schema> schemas) {
        return schemas == null ? List.of() : schemas;
    }

    private static boolean hasType(Schema schema, Schema.SchemaType type) {
        return schema.getType() != null && schema.getType().contains(type);
    }

    private static boolean isObject(Schema schema) {
        return schema.getType() == null || hasType(schema, Schema.SchemaType.OBJECT);
    }

    private static String name(String ref) {
        return ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : ref;
    }
}
