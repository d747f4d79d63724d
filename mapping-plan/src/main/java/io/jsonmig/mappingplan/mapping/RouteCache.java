package io.jsonmig.mappingplan.mapping;

import java.util.Set;
import java.util.function.BiFunction;

/**
 * A resolver's {@link FieldRoutes}: each field's route found once by the resolver's rule and kept in
 * the route of the object it is in. Objects used as maps have a new name in every record, so an object
 * keeps at most {@link #MAX_ROUTES_PER_OBJECT} routes; the others are found again each time.
 */
final class RouteCache implements FieldRoutes {

    static final int MAX_ROUTES_PER_OBJECT = 1000;

    private final FieldRoute root;
    private final BiFunction<FieldRoute, String, FieldRoute> rule;
    private final Set<String> columnsWithDefaults;

    /** @param rule the route of a field inside an object's route; null when there is none */
    RouteCache(FieldRoute root, BiFunction<FieldRoute, String, FieldRoute> rule, Set<String> columnsWithDefaults) {
        this.root = root;
        this.rule = rule;
        this.columnsWithDefaults = Set.copyOf(columnsWithDefaults);
    }

    @Override
    public FieldRoute root() {
        return root;
    }

    @Override
    public FieldRoute field(FieldRoute parent, String name) {
        FieldRoute known = parent.fields().get(name);
        if (known != null) {
            return known;
        }
        FieldRoute route = rule.apply(parent, name);
        if (route != null && parent.fields().size() < MAX_ROUTES_PER_OBJECT) {
            parent.fields().put(name, route);
        }
        return route;
    }

    @Override
    public Set<String> columnsWithDefaults() {
        return columnsWithDefaults;
    }
}
