package fr.backoffice.common.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Request bodies are read as written: Jackson's default coercions would take {@code "overdraftLimit": 100} for
 * {@code "100"}, {@code "name": true} for {@code "true"} and {@code "type": 1} for the second enum constant. Each is
 * a wrong JSON type, so each is refused (400 {@code INVALID_JSON} naming the field) instead of guessed at.
 * Likewise a document followed by anything but whitespace is malformed, and a string holding U+0000, which
 * PostgreSQL cannot store in text, or a lone surrogate, which it would store as {@code ?}, is refused here (400
 * {@code INVALID_JSON} naming the field) rather than failing the insert or storing something else. A property given twice in one
 * object is refused too (400 {@code DUPLICATE_PROPERTY}): which of the two values counts is not for us to guess.
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
     * The standard string deserializer (coercion rules included), refusing what text columns cannot hold as sent: the
     * NUL character, and a lone UTF-16 surrogate (an escaped {@code "\ud800"}), which UTF-8 cannot encode and the
     * database driver would store as {@code ?}.
     */
    static final class StorableStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw context.weirdStringException(value, String.class, "must not contain the NUL character (U+0000)");
            }
            if (value != null && hasLoneSurrogate(value)) {
                throw context.weirdStringException(value, String.class, "must not contain a lone UTF-16 surrogate");
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
