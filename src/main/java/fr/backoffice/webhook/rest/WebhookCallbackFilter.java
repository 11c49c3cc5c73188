package fr.backoffice.webhook.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

import java.util.List;

/**
 * The webhook callback in the contract (docs/api.md "The contract"): the call the back office makes to a receiver
 * carries no bearer token, its signature headers authenticate it, so it states that it needs no security scheme
 * ({@code security: [{}]}) rather than leaving linters to ask for one.
 */
@OpenApiFilter
public class WebhookCallbackFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        PathItem endpoints = openAPI.getPaths().getPathItem("/webhook-endpoints");
        if (endpoints == null || endpoints.getPOST() == null || endpoints.getPOST().getCallbacks() == null) {
            return;
        }
        endpoints.getPOST().getCallbacks().values().forEach(callback -> callback.getPathItems().values()
                .forEach(path -> path.getOperations().values().forEach(WebhookCallbackFilter::noBearerToken)));
    }

    private static void noBearerToken(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement()));
        }
    }
}
