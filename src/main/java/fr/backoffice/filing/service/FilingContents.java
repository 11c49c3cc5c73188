package fr.backoffice.filing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.InvalidTextException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.filing.FilingContent;
import fr.backoffice.filing.FilingType;
import fr.backoffice.filing.annual.AnnualAccountsContent;
import fr.backoffice.filing.vat.VatRates;
import fr.backoffice.filing.vat.VatReturnContent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Filing content between JSON and its typed form. A client's content is read strictly: unknown properties
 * (a client-sent {@code computed} included), decimals where whole euros are expected, numbers where strings are
 * expected and the reverse are all refused with 400 and the path of the offending field.
 */
@ApplicationScoped
public class FilingContents {

    private final ObjectMapper json;

    private final BackOfficeConfig config;

    public FilingContents(ObjectMapper json, BackOfficeConfig config) {
        this.json = json;
        this.config = config;
    }

    private ObjectMapper strict;
    private VatRates rates;

    @PostConstruct
    void init() {
        rates = new VatRates(config.vat().allowedRates());
        strict = json.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.String, CoercionInputShape.Float,
                CoercionInputShape.Boolean, CoercionInputShape.EmptyString}) {
            strict.coercionConfigFor(LogicalType.Integer).setCoercion(shape, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            strict.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** A client's content for a filing of this type, checked and normalized; 400 listing every invalid field otherwise. */
    public FilingContent parse(FilingType type, JsonNode content) {
        if (content == null || !content.isObject()) {
            throw ApiException.invalidField("content", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        FilingContent normalized = switch (type) {
            case VAT_RETURN -> read(content, VatReturnContent.class).normalized(rates, errors);
            case ANNUAL_ACCOUNTS -> read(content, AnnualAccountsContent.class).normalized(errors);
        };
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemCode.VALIDATION_FAILED, "The filing content is not valid: " + errors.stream()
                    .map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")) + ".", errors);
        }
        return normalized;
    }

    /** Content the service stored itself. */
    public FilingContent stored(FilingType type, String content) {
        return switch (type) {
            case VAT_RETURN -> read(content, VatReturnContent.class);
            case ANNUAL_ACCOUNTS -> read(content, AnnualAccountsContent.class);
        };
    }

    public <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is not readable", corrupt);
        }
    }

    public JsonNode tree(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("Stored JSON is not readable", corrupt);
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException unserializable) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), unserializable);
        }
    }

    private <T> T read(JsonNode content, Class<T> type) {
        try {
            return strict.treeToValue(content, type);
        } catch (UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            throw new ApiException(ProblemCode.UNKNOWN_PROPERTY, "Unknown property '" + field + "'; "
                    + (unknown.getPropertyName().equals("computed") ? "computed figures are the service's, never the client's."
                    : "the content of a " + type.getSimpleName().replace("Content", "") + " has no such field."),
                    List.of(new FieldError(field, "unknown property")));
        } catch (InvalidTextException text) {
            throw ApiException.invalidField(path(text), text.reason());
        } catch (JsonMappingException mismatch) {
            String field = path(mismatch);
            throw new ApiException(ProblemCode.INVALID_JSON, "Wrong type or value at '" + field
                    + "': amounts are JSON integers (whole euros), rates and dates are strings.",
                    List.of(new FieldError(field, "wrong type or value")));
        } catch (JsonProcessingException unreadable) {
            throw ApiException.invalidField("content", "is not valid filing content");
        }
    }

    private static String path(JsonMappingException failure) {
        String inner = failure.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return "content" + inner;
    }
}
