// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.http;

import io.capaee.api.binding.HttpBindingFactory;
import io.capaee.api.binding.OutputBinding;
import io.capaee.connector.binding.BindingManagedConnectionFactory;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import io.capaee.connector.http.HttpSettings;
import java.time.Duration;

/**
 * The {@code http} output binding (Dapr's HTTP binding): the operation is the HTTP method, the
 * metadata {@code path} is appended to {@code url}, other metadata entries become request
 * headers. Requests only ever go to {@code url}'s host: the path cannot change it.
 */
@ConnectionDefinition(
        connectionFactory = HttpBindingFactory.class,
        connectionFactoryImpl = HttpBindingConnectionFactory.class,
        connection = OutputBinding.class,
        connectionImpl = OutputBindingHandle.class)
public class HttpBindingManagedConnectionFactory extends BindingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(description = "Base URL, http:// or https://; requests go to url + metadata 'path'")
    private String url = "";

    @ConfigProperty(defaultValue = "10000", description = "Connect and response timeout in milliseconds")
    private Integer timeoutMillis = 10000;

    @ConfigProperty(defaultValue = "true",
            description = "true: a response status outside 2xx is an error (500 to the caller), with statusCode kept")
    private Boolean errorIfNot2XX = true;

    @Override
    protected void validate() {
        settings();
    }

    HttpSettings settings() {
        required("timeoutMillis", timeoutMillis, 1);
        return HttpSettings.of("url", required("url", url), "timeoutMillis", Duration.ofMillis(timeoutMillis));
    }

    @Override
    protected BindingTransport openBackend() {
        return new HttpTransport(settings(), !Boolean.FALSE.equals(errorIfNot2XX));
    }

    @Override
    public String describe() {
        return "http " + url;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public Boolean getErrorIfNot2XX() {
        return errorIfNot2XX;
    }

    public void setErrorIfNot2XX(Boolean errorIfNot2XX) {
        this.errorIfNot2XX = errorIfNot2XX;
    }
}
