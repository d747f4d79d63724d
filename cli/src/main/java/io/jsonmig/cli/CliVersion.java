package io.jsonmig.cli;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.IVersionProvider;

@Dependent
public class CliVersion implements IVersionProvider {

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @Override
    public String[] getVersion() {
        return new String[] {"jsonmig " + version};
    }
}
