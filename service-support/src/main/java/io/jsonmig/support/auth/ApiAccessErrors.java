package io.jsonmig.support.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * 401 and 403 as JSON ({@code {"error": "..."}}) like every other error of the API. Authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}), so its failures reach these mappers.
 */
public class ApiAccessErrors {

    static final String CHALLENGE = "Bearer realm=\"jsonmig\", Basic realm=\"jsonmig\"";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "authentication required: send 'Authorization: Bearer <token>' or basic"
                        + " credentials of an operator or viewer"))
                .build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden() {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "this call needs the operator role; the credential sent has only viewer"))
                .build();
    }
}
