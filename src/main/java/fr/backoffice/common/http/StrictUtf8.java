package fr.backoffice.common.http;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request body must be well-formed UTF-8 before JSON reads it. Jackson's own decoder accepts overlong forms
 * ({@code c0 af} would be read as {@code /}) and encoded surrogates; the JDK's strict decoder does not, so every body
 * (at most 64 KiB, already in memory) goes through it first: 400 {@code MALFORMED_JSON} instead of text stored as
 * something the client did not send.
 */
@Provider
public class StrictUtf8 implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException malformed) {
            throw new ApiException(ProblemCode.MALFORMED_JSON, "The request body is not well-formed UTF-8.");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
