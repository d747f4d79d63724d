package io.jsonmig.support.auth;

import java.util.Locale;
import java.util.Set;

/** The API's two roles: {@code operator} starts and changes things, {@code viewer} reads; an operator also reads. */
public final class ApiRoles {

    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private ApiRoles() {
    }

    /** The roles a credential of {@code role} holds, or an exception naming the role when it is not one of the two. */
    public static Set<String> granted(String role) {
        return switch (role.toLowerCase(Locale.ROOT)) {
            case OPERATOR -> Set.of(OPERATOR, VIEWER);
            case VIEWER -> Set.of(VIEWER);
            default -> throw new IllegalArgumentException("unknown role '" + role + "' (operator or viewer)");
        };
    }
}
