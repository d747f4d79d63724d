package io.jsonmig.notification.subscription;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.util.Map;

/** Named groups, {@code jsonmig.notification.groups.<name>.receives}: the standard audience a group hears. */
@ConfigMapping(prefix = "jsonmig.notification.groups")
public interface GroupConfig {

    @WithParentName
    Map<String, Group> groups();

    interface Group {
        @WithDefault(Audiences.STAKEHOLDERS)
        String receives();
    }
}
