package io.jsonmig.support.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The users of the users file, for Quarkus's basic authentication ({@code quarkus.http.auth.basic}). PBKDF2 is slow
 * on purpose, so the check runs off the event loop.
 */
@ApplicationScoped
public class ApiUserIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final ApiCredentials credentials;

    public ApiUserIdentityProvider(ApiCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> credentials.user(request.getUsername(), request.getPassword().getPassword())
                .map(user -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user.name()))
                        .addRoles(ApiRoles.granted(user.role()))
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("unknown user or wrong password")));
    }
}
