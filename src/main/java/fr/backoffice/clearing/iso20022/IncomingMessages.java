package fr.backoffice.clearing.iso20022;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** What every endpoint taking an ISO 20022 message from outside does with its bytes before reading what it says. */
public final class IncomingMessages {

    private IncomingMessages() {
    }

    /**
     * Reads the message on a worker thread: reading 5 MiB takes the better part of a second, which the event loop
     * owes to every other request. The answer comes back on the request's event loop, where the database session is.
     * A message that cannot be read is its 4xx problem.
     */
    public static <T> Uni<T> read(byte[] body, Function<byte[], T> reader) {
        Callable<T> read = () -> {
            try {
                return reader.apply(body == null ? new byte[0] : body);
            } catch (InvalidMessage invalid) {
                throw invalid.problem();
            }
        };
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(() -> context.executeBlocking(read, false).toCompletionStage());
    }

    /** The message's SHA-256, in hex: what a replay of the same bytes is recognised by. */
    public static String sha256(byte[] message) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
