// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.openapi;

import io.capaee.api.http.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds the error answer every Capa EE API gives to the generated OpenAPI document: the schema
 * {@code Problem} (RFC 9457 problem details, with the Dapr APIs' {@code errorCode}) and, on each operation
 * that names no error response of its own, a {@code default} response of {@code application/problem+json}.
 * The exception mappers that produce these bodies are not visible to the annotation scanner. Named by
 * {@code mp.openapi.filter} in the server configuration, which takes one filter: it also separates
 * parameters that the scanner joined to the segment before them ({@link SegmentPaths}).
 */
public final class ProblemResponses implements OASFilter {
    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createObject(Components.class));
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        SegmentPaths.separate(openAPI.getPaths());
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Map<PathItem.HttpMethod, Operation> operations = item.getOperations();
            if (operations == null) {
                continue;
            }
            for (Operation operation : operations.values()) {
                addDefault(operation);
            }
        }
    }

    private static void addDefault(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createObject(APIResponses.class);
            operation.setResponses(responses);
        }
        if (responses.getDefaultValue() != null || hasError(responses)) {
            return;
        }
        Schema ref = OASFactory.createObject(Schema.class).ref(SCHEMA);
        APIResponse problem = OASFactory.createObject(APIResponse.class)
                .description("An error: what was wrong, as problem details (4xx for the request, 5xx for the server or a system behind it)")
                .content(OASFactory.createObject(Content.class).addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createObject(MediaType.class).schema(ref)));
        responses.setDefaultValue(problem);
    }

    private static boolean hasError(APIResponses responses) {
        return responses.getAPIResponses() != null
                && responses.getAPIResponses().keySet().stream().anyMatch(code -> code.startsWith("4") || code.startsWith("5"));
    }

    private static Schema problemSchema() {
        return OASFactory.createObject(Schema.class).addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; the Dapr-compatible APIs add Dapr's errorCode")
                .addProperty("type", string("A URI naming the kind of problem"))
                .addProperty("title", string("The HTTP status's reason phrase"))
                .addProperty("status", OASFactory.createObject(Schema.class).addType(Schema.SchemaType.INTEGER).description("The HTTP status"))
                .addProperty("detail", string("What was wrong, naming the field, key or system"))
                .addProperty("errorCode", string("Dapr's error code (Dapr-compatible APIs only), e.g. ERR_PUBSUB_NOT_FOUND"));
    }

    private static Schema string(String description) {
        return OASFactory.createObject(Schema.class).addType(Schema.SchemaType.STRING).description(description);
    }
}
