// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.security.SecuritySettings;
import io.capaee.api.connect.ConnectorManager;
import io.capaee.connector.outbound.ManagedConnectionFactoryBase;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.security.auth.Subject;

/**
 * The connector management factory ({@code eis/capa/connectors}): where wasm transformers are
 * called, and the connector files server.xml deploys. The files are deployed (and started) when
 * the container creates the factory, which the proxy does when it starts.
 */
@ConnectionDefinition(
        connectionFactory = ConnectorManager.class,
        connectionFactoryImpl = ConnectorManagerHandle.class,
        connection = ConnectorManager.class,
        connectionImpl = ConnectorManagerHandle.class)
public class ConnectorsManagedConnectionFactory extends ManagedConnectionFactoryBase {
    private static final long serialVersionUID = 1L;
    static final String DEFAULT_FUNCTIONS_URL = "http://localhost:9080/wasm/functions";

    @ConfigProperty(defaultValue = DEFAULT_FUNCTIONS_URL,
            description = "Base URL of the functions platform; a wasm transformer POSTs the payload to <url>/<function>")
    private String functionsUrl = DEFAULT_FUNCTIONS_URL;

    @ConfigProperty(defaultValue = "", confidential = true,
            description = "The Dapr API token(s) of this server (capa.dapr.api-token): wasm transformers present the first")
    private String functionsToken = "";

    @ConfigProperty(defaultValue = "",
            description = "Connector YAML files or directories (of .yml/.yaml files) deployed and started with the server; comma separated")
    private String files = "";

    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        ConnectorRuntime runtime = adapter().connectors();
        runtime.functions(functionsUrl, SecuritySettings.ownAppToken(Optional.ofNullable(functionsToken)).orElse(""));
        List<Path> locations = Arrays.stream(files.split("\\s*,\\s*")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Path::of).toList();
        runtime.deployFiles(locations);
        return new ConnectorManagerHandle(adapter());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        throw new NotSupportedException("the connector manager hands out no connections; call it directly");
    }

    @Override
    public String describe() {
        return "connectors";
    }

    public String getFunctionsUrl() {
        return functionsUrl;
    }

    public void setFunctionsUrl(String functionsUrl) {
        this.functionsUrl = functionsUrl;
    }

    public String getFunctionsToken() {
        return functionsToken;
    }

    public void setFunctionsToken(String functionsToken) {
        this.functionsToken = functionsToken == null ? "" : functionsToken;
    }

    public String getFiles() {
        return files;
    }

    public void setFiles(String files) {
        this.files = files == null ? "" : files;
    }
}
