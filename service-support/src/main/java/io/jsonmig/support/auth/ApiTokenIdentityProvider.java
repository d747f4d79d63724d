package io.jsonmig.support.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a bearer token from the token file into an identity named by the token's label, with its roles. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final ApiCredentials credentials;

    public ApiTokenIdentityProvider(ApiCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!BearerTokenMechanism.TYPE.equals(request.getToken().getType())) {
            return Uni.createFrom().nullItem();
        }
        return credentials.token(request.getToken().getToken())
                .map(token -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(token.label()))
                        .addRoles(ApiRoles.granted(token.role()))
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown bearer token")));
    }
}
