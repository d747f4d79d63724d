package io.jsonmig.notification.subscription;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The standard audiences the communication plan writes for, and the named groups: a subscription
 * for a group receives the messages of the standard audience configured for it (by default the
 * stakeholders' ones).
 */
@ApplicationScoped
public class Audiences {

    public static final String OPERATORS = "operators";
    public static final String STAKEHOLDERS = "stakeholders";
    public static final String USERS = "users";
    public static final Set<String> STANDARD = Set.of(OPERATORS, STAKEHOLDERS, USERS);

    private final GroupConfig config;

    public Audiences(GroupConfig config) {
        this.config = config;
    }

    /** The standard audience whose messages a subscription of this audience receives. */
    public String receives(String audience) {
        if (STANDARD.contains(audience)) {
            return audience;
        }
        GroupConfig.Group group = config.groups().get(audience);
        return group == null ? STAKEHOLDERS : group.receives();
    }
}
