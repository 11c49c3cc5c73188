package fr.backoffice.webhook.service;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.webhook.Destinations;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt of one delivery over HTTP: the url checked again (scheme, and every address its host resolves to,
 * unless private networks are allowed), then a POST that follows no redirect, bounded by
 * {@code backoffice.webhooks.timeout} from the start of the attempt (name resolution included) to the last byte read,
 * after which the exchange is aborted and its connection closed, reading at most
 * {@code backoffice.webhooks.max-response-body} of the answer. Nothing here touches the database.
 *
 * <p>The address check resolves the host before the HTTP client resolves it again to connect; a name whose answers
 * change between the two (DNS rebinding) could slip through that window. Deployments that must exclude it also
 * deny the service's egress to private ranges at the network level (docs/webhooks.md "Webhooks").
 */
@ApplicationScoped
public class WebhookSender {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private final BackOfficeConfig config;

    public WebhookSender(BackOfficeConfig config) {
        this.config = config;
    }

    private HttpClient client;

    /** What an attempt came to: an HTTP status and the start of the body, or an error without an answer. */
    public record Outcome(Integer status, String body, String error) {

        public boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }

        public boolean gone() {
            return status != null && status == 410;
        }
    }

    @PostConstruct
    void build() {
        client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.webhooks().timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * One attempt, ended by {@code backoffice.webhooks.timeout} counted from its start, whatever it is doing then
     * (resolving, connecting, sending, waiting for the answer or reading its body): so it never outlives its lease
     * (twice the timeout and 5 s, {@link WebhookDispatcher#lease()}), and a receiver cannot hold a connection longer.
     */
    public Uni<Outcome> send(String url, String webhookId, long timestamp, String signature, String body) {
        boolean allowPrivate = config.webhooks().allowPrivateNetworks();
        Optional<String> refusal = Destinations.refusal(url, allowPrivate);
        if (refusal.isPresent()) {
            return Uni.createFrom().item(new Outcome(null, null, "refused: the url " + refusal.get()));
        }
        URI uri = URI.create(url);
        long deadline = System.nanoTime() + config.webhooks().timeout().toNanos();
        return Uni.createFrom().item(() -> resolve(uri.getHost()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                // a resolver that does not answer in time: the lookup is left to finish on its own, unused
                .ifNoItem().after(config.webhooks().timeout()).recoverWithItem(() -> List.of())
                .flatMap(addresses -> {
                    if (addresses == null) {
                        return Uni.createFrom().item(new Outcome(null, null, "unknown host " + uri.getHost()));
                    }
                    long left = deadline - System.nanoTime();
                    if (addresses.isEmpty() || left <= 0) {
                        return Uni.createFrom().item(new Outcome(null, null, "timed out resolving " + uri.getHost()));
                    }
                    Optional<String> refused = Destinations.addressRefusal(addresses, allowPrivate);
                    if (refused.isPresent()) {
                        return Uni.createFrom().item(new Outcome(null, null, refused.get()));
                    }
                    return post(uri, webhookId, timestamp, signature, body, Duration.ofNanos(left));
                });
    }

    private static List<InetAddress> resolve(String host) {
        try {
            String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return Arrays.asList(InetAddress.getAllByName(name));
        } catch (UnknownHostException unknown) {
            return null;
        }
    }

    /**
     * The POST, within {@code timeout}. When the time is up the exchange is ended, not merely no longer waited for: the
     * body subscription is cancelled and the exchange aborted, which closes the connection (HTTP/1.1 cannot reuse a
     * connection whose answer was not read to its end). The client's own request timeout only bounds the wait for
     * the answer's headers; a receiver that sends headers and then trickles its body is cut off here.
     */
    private Uni<Outcome> post(URI uri, String webhookId, long timestamp, String signature, String body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "backoffice-webhooks/1")
                .header(ID, webhookId)
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        int limit = (int) Math.min(Integer.MAX_VALUE, config.webhooks().maxResponseBody().asLongValue());
        AtomicReference<LimitedBody> answer = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> {
            LimitedBody read = new LimitedBody(limit);
            answer.set(read);
            return read;
        });
        CompletableFuture<Outcome> attempt = exchange
                .thenApply(response -> new Outcome(response.statusCode(), text(response.body()), null))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        attempt.whenComplete((outcome, failure) -> {
            if (failure != null) {
                LimitedBody read = answer.get();
                if (read != null) {
                    read.abandon();
                }
                exchange.cancel(true);
            }
        });
        return Uni.createFrom().completionStage(attempt)
                .onFailure().recoverWithItem(failure -> new Outcome(null, null, describe(failure)));
    }

    private static String text(byte[] body) {
        return body.length == 0 ? null : new String(body, StandardCharsets.UTF_8).replace('\u0000', ' ');
    }

    /** Why an attempt got no answer, in words a receiver's operator understands (no class names). */
    static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "timed out: no complete answer within the timeout";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "TLS handshake failed";
        }
        if (cause instanceof java.io.IOException) {
            return "connection failed: the receiver closed it or sent no valid HTTP answer";
        }
        return "the attempt failed";
    }

    /**
     * The first {@code limit} bytes of an answer; the rest is not read (the connection is given up). Abandoned at the
     * attempt's deadline. The subscription is used under this object's lock, since the deadline comes from another
     * thread than the one delivering the body.
     */
    static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream read = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private boolean cancelled;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (cancelled) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> buffers) {
            if (cancelled) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - read.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                read.write(bytes, 0, take);
                if (read.size() >= limit) {
                    cancel();
                    result.complete(read.toByteArray());
                    return;
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(read.toByteArray());
        }

        /** The deadline passed: read nothing more. */
        synchronized void abandon() {
            cancel();
            result.completeExceptionally(new TimeoutException("the answer's body did not end within the timeout"));
        }

        private void cancel() {
            if (!cancelled) {
                cancelled = true;
                if (subscription != null) {
                    subscription.cancel();
                }
            }
        }
    }
}
