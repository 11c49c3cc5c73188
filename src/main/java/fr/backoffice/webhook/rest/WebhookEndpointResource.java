package fr.backoffice.webhook.rest;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.webhook.WebhookEndpoint;
import fr.backoffice.webhook.api.WebhookDtos.DeliveryPage;
import fr.backoffice.webhook.api.WebhookDtos.DeliveryView;
import fr.backoffice.webhook.api.WebhookDtos.EndpointPage;
import fr.backoffice.webhook.api.WebhookDtos.NewWebhookEndpoint;
import fr.backoffice.webhook.api.WebhookDtos.WebhookEndpointChange;
import fr.backoffice.webhook.api.WebhookDtos.WebhookEndpointView;
import fr.backoffice.webhook.api.WebhookDtos.WebhookEndpointWithSecret;
import fr.backoffice.webhook.service.WebhookEndpoints;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.callbacks.Callback;
import org.eclipse.microprofile.openapi.annotations.callbacks.CallbackOperation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/webhook-endpoints")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.FRONT_OFFICE, Roles.ADMIN})
public class WebhookEndpointResource {

    static final String ENDPOINT_ID = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f71";
    static final String DELIVERY_ID = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f72";
    static final String NOT_FOUND = "`NOT_FOUND`: no such endpoint, or not one of the caller's";
    static final String NEW = """
            { "url": "https://front.bank.example/hooks/backoffice", "eventTypes": ["operation.executed", "operation.rejected"],
              "description": "Operations of the mobile app" }""";
    static final String CREATED = """
            { "id": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f71", "owner": "front-app-1",
              "url": "https://front.bank.example/hooks/backoffice", "eventTypes": ["operation.executed", "operation.rejected"],
              "description": "Operations of the mobile app", "status": "ENABLED", "disabledReason": null,
              "createdAt": "2026-11-30T09:15:00Z", "updatedAt": "2026-11-30T09:15:00Z",
              "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "previousSecretExpiresAt": null }""";
    static final String ENDPOINT = """
            { "id": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f71", "owner": "front-app-1",
              "url": "https://front.bank.example/hooks/backoffice", "eventTypes": ["operation.executed", "operation.rejected"],
              "description": "Operations of the mobile app", "status": "ENABLED", "disabledReason": null,
              "createdAt": "2026-11-30T09:15:00Z", "updatedAt": "2026-11-30T09:15:00Z" }""";
    static final String DELIVERY = """
            { "id": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f72", "eventId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "eventType": "operation.executed", "status": "PENDING", "attempts": 2,
              "lastAttemptAt": "2026-11-30T09:15:05Z", "nextAttemptAt": "2026-11-30T09:20:05Z", "lastResponseStatus": 503,
              "lastResponseBody": "Service Unavailable", "lastError": null }""";
    static final String CALLBACK = """
            The back office POSTs each event the endpoint subscribes to, as the Standard Webhooks specification says \
            (standardwebhooks.com): the body is the event exactly as `GET /events` gives it, with `Content-Type: \
            application/json`. Verify the signature before trusting the body: `webhook-signature` lists `v1,` + base64 \
            HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` keyed with the base64-decoded part of the secret \
            after `whsec_`; accept the delivery when one of the listed signatures matches (two during the 24 h after a \
            secret rotation) and the timestamp is within a few minutes of your clock. Deduplicate on `webhook-id`: it \
            is the same on every attempt of a delivery. Answer any 2xx within 10 s; any other answer, a timeout or a \
            refused connection is tried again after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then the \
            delivery is FAILED. 410 Gone disables the endpoint at once. An endpoint's deliveries come in event order: \
            the next waits until the previous one succeeded or failed for good.""";

    private final WebhookEndpoints endpoints;

    public WebhookEndpointResource(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookEndpoint", summary = "Subscribe a url to events (front-office for itself, admin)",
            description = "The answer carries the signing `secret`, shown this once. Deliveries start with the events "
                    + "that occur after the endpoint is created. With an `Idempotency-Key`, a replay answers the same "
                    + "endpoint without `secret` (`Idempotent-Replayed: true`): the secret is kept nowhere but with the "
                    + "endpoint, so a client that lost the first answer rotates the secret.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewWebhookEndpoint.class), examples = @ExampleObject(name = "endpoint", value = NEW)))
    @APIResponse(responseCode = "201", description = "Created; `Location` names the endpoint",
            headers = {@Header(name = "ETag", description = "The endpoint's version (not on a replay)", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
                    @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer, which has no `secret`",
                            schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookEndpointWithSecret.class),
                    examples = @ExampleObject(name = "endpoint", value = CREATED)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: a url that is not an absolute https url (or that names a private address), an unknown event type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "409", description = "`IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`: the key was used for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    @Callback(name = "event", callbackUrlExpression = "{$request.body#/url}", operations = @CallbackOperation(method = "post",
            summary = "An event, delivered to the endpoint's url", description = CALLBACK,
            parameters = {
                    @Parameter(name = "webhook-id", in = ParameterIn.HEADER, required = true,
                            description = "The delivery's id: the same on every attempt (deduplicate on it)",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid", maxLength = 36), example = DELIVERY_ID),
                    @Parameter(name = "webhook-timestamp", in = ParameterIn.HEADER, required = true,
                            description = "When this attempt was sent, in Unix seconds",
                            schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{1,12}$", maxLength = 12), example = "1764494100"),
                    @Parameter(name = "webhook-signature", in = ParameterIn.HEADER, required = true,
                            description = "`v1,<base64 signature>`, or two of them separated by a space after a rotation",
                            schema = @Schema(type = SchemaType.STRING, pattern = "^v1,[A-Za-z0-9+/]{43}=( v1,[A-Za-z0-9+/]{43}=)?$", maxLength = 95),
                            example = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=")},
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "Event"))),
            responses = @APIResponse(responseCode = "default", description = "Any 2xx: received. 410 Gone: the "
                    + "delivery fails and the endpoint is disabled at once. Anything else: tried again later")))
    public Uni<Response> create(@Valid @NotNull NewWebhookEndpoint request,
                                @Parameter(ref = "Idempotency-Key")
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return endpoints.create(Idempotency.checkKey(idempotencyKey, false), request).map(Reply::toResponse);
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "List webhook endpoints: the caller's own (admin: all), by id")
    @APIResponse(responseCode = "200", description = "A page of endpoints")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<EndpointPage> list(@BeanParam PageRequest page) {
        return endpoints.list(page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "Read a webhook endpoint (not its secret)")
    @APIResponse(responseCode = "200", description = "The endpoint",
            headers = @Header(name = "ETag", description = "The endpoint's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookEndpointView.class),
                    examples = @ExampleObject(name = "endpoint", value = ENDPOINT)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Response> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ENDPOINT_ID) @PathParam("id") String id) {
        return endpoints.get(id).map(WebhookEndpointResource::ok);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateWebhookEndpoint", summary = "Change a webhook endpoint's url, event types, description or status")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookEndpointChange.class),
            examples = @ExampleObject(name = "re-enable", value = "{ \"status\": \"ENABLED\" }")))
    @APIResponse(responseCode = "200", description = "The changed endpoint",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookEndpointView.class),
                    examples = @ExampleObject(name = "endpoint", value = ENDPOINT)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: a url or an event type refused, or nothing to change",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: `If-Match` names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
    @APIResponse(responseCode = "428", description = "`PRECONDITION_REQUIRED`: no `If-Match` header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_REQUIRED", ref = "PRECONDITION_REQUIRED")))
    public Uni<Response> update(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ENDPOINT_ID) @PathParam("id") String id,
                                @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Valid @NotNull WebhookEndpointChange change) {
        return endpoints.change(id, ifMatch, change).map(WebhookEndpointResource::ok);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint and its deliveries")
    @APIResponse(responseCode = "204", description = "Deleted: nothing more is sent to it")
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Response> delete(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ENDPOINT_ID) @PathParam("id") String id) {
        return endpoints.delete(id).map(deleted -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Issue a new signing secret; the previous one signs beside it for 24 h",
            description = "With an `Idempotency-Key`, a replay answers without `secret` (`Idempotent-Replayed: true`): "
                    + "the secret is kept nowhere but with the endpoint; a client that lost the answer rotates again.")
    @APIResponse(responseCode = "200", description = "The endpoint with its new secret, shown this once (not in a replay)",
            headers = {@Header(name = "ETag", description = "The new version (not on a replay)", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
                    @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer, which has no `secret`",
                            schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookEndpointWithSecret.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`: the key was used for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> rotateSecret(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ENDPOINT_ID) @PathParam("id") String id,
                                      @Parameter(ref = "Idempotency-Key")
                                      @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return endpoints.rotateSecret(id, Idempotency.checkKey(idempotencyKey, false)).map(Reply::toResponse);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "An endpoint's deliveries, newest first")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<DeliveryPage> deliveries(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ENDPOINT_ID) @PathParam("id") String id,
                                        @BeanParam PageRequest page) {
        return endpoints.deliveries(id, page);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Send a delivery again now (after the endpoint's earlier pending ones)",
            description = "Refused while an attempt of this delivery is under way, so that the receiver never gets one "
                    + "`webhook-id` twice at once; while another delivery of the endpoint is under way, this one waits for it.")
    @APIResponse(responseCode = "202", description = "Due now: PENDING until its attempt is recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class),
                    examples = @ExampleObject(name = "delivery", value = DELIVERY)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such endpoint or delivery, or not one of the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`WEBHOOK_ENDPOINT_DISABLED`: enable the endpoint first; "
            + "`WEBHOOK_DELIVERY_IN_FLIGHT`: an attempt of this delivery is under way, retry once it has ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "WEBHOOK_ENDPOINT_DISABLED", ref = "WEBHOOK_ENDPOINT_DISABLED"), @ExampleObject(name = "WEBHOOK_DELIVERY_IN_FLIGHT", ref = "WEBHOOK_DELIVERY_IN_FLIGHT")}))
    public Uni<Response> retry(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ENDPOINT_ID) @PathParam("id") String id,
                               @Parameter(example = DELIVERY_ID, schema = @Schema(type = SchemaType.STRING, maxLength = 36))
                               @PathParam("deliveryId") String deliveryId) {
        return endpoints.retry(id, deliveryId).map(view -> Response.accepted(view).build());
    }

    @POST
    @Path("/{id}/test")
    @Operation(operationId = "testWebhookEndpoint", summary = "Send a `webhook.test` event to this endpoint only",
            description = "The event is not in the feed; its `resource` is the endpoint and its `data` the endpoint as "
                    + "`getWebhookEndpoint` answers it. It is sent like any delivery, after the endpoint's earlier pending ones.")
    @APIResponse(responseCode = "202", description = "The test delivery, due now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`WEBHOOK_ENDPOINT_DISABLED`: enable the endpoint first; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "WEBHOOK_ENDPOINT_DISABLED", ref = "WEBHOOK_ENDPOINT_DISABLED"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`: the key was used for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> test(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ENDPOINT_ID) @PathParam("id") String id,
                              @Parameter(ref = "Idempotency-Key")
                              @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return endpoints.test(id, Idempotency.checkKey(idempotencyKey, false)).map(Reply::toResponse);
    }

    private static Response ok(WebhookEndpoint endpoint) {
        return Response.ok(WebhookEndpointView.of(endpoint)).header("ETag", ETags.of(endpoint.version)).build();
    }
}
