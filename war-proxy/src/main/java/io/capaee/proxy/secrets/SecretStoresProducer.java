// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.secrets;

import io.capaee.api.secrets.SecretStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/** This WAR's secret stores, read once from MicroProfile Config ({@code capa.secretstore.NAME.*}). */
@ApplicationScoped
public class SecretStoresProducer {
    // @Singleton, not @ApplicationScoped: SecretStores is final, so it cannot be proxied
    @Produces
    @Singleton
    SecretStores secretStores() {
        return SecretStores.fromConfig(ConfigProvider.getConfig());
    }
}
