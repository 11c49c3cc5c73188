package fr.backoffice.common.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import fr.backoffice.common.error.InvalidTextException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Request bodies are read as written: Jackson's default coercions would take {@code "overdraftLimit": 100} for
 * {@code "100"}, {@code "name": true} for {@code "true"} and {@code "type": 1} for the second enum constant. Each is
 * a wrong JSON type, so each is refused (400 {@code INVALID_JSON} naming the field) instead of guessed at.
 * Likewise a document followed by anything but whitespace is malformed, and a string holding a lone surrogate, which
 * PostgreSQL would store as {@code ?}, is refused here (400 {@code INVALID_JSON} naming the field) rather than storing
 * something else. A property given twice in one object is refused too (400 {@code DUPLICATE_PROPERTY}): which of the
 * two values counts is not for us to guess.
 *
 * <p>Every string of every body, at any depth, goes through one deserializer, which applies {@link TextRules}: a
 * control character (U+0000 included, which PostgreSQL cannot store) is 400 {@code VALIDATION_FAILED} naming the
 * field; tab, CR and LF are allowed only in a field marked {@link MultiLine}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.registerModule(new SimpleModule("storable-strings").addDeserializer(String.class, new StorableStrings()));
    }

    /**
     * The standard string deserializer (coercion rules included), refusing what text columns cannot hold as sent, a
     * lone UTF-16 surrogate (an escaped {@code "\ud800"}), which UTF-8 cannot encode and the database driver would
     * store as {@code ?}, and what {@link TextRules} refuses for the field being read: single-line unless the
     * property is {@link MultiLine}.
     */
    static final class StorableStrings extends StringDeserializer implements ContextualDeserializer {

        private static final StorableStrings SINGLE_LINE = new StorableStrings(false);
        private static final StorableStrings MULTI_LINE = new StorableStrings(true);

        private final boolean multiLine;

        StorableStrings() {
            this(false);
        }

        private StorableStrings(boolean multiLine) {
            this.multiLine = multiLine;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return property != null && property.getAnnotation(MultiLine.class) != null ? MULTI_LINE : SINGLE_LINE;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value == null) {
                return null;
            }
            if (hasLoneSurrogate(value)) {
                throw context.weirdStringException(value, String.class, "must not contain a lone UTF-16 surrogate");
            }
            String refusal = TextRules.refusal(value, multiLine);
            if (refusal != null) {
                throw new InvalidTextException(parser, refusal);
            }
            return value;
        }

        private static boolean hasLoneSurrogate(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}
