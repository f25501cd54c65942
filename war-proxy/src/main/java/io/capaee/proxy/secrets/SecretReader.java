// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.secrets;

import io.capaee.api.secrets.SecretException;
import io.capaee.api.secrets.SecretStore;
import io.capaee.api.secrets.SecretStores;
import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * One read of a secret store, for the HTTP and the gRPC API alike. An unknown store is 401
 * {@code ERR_SECRET_STORE_NOT_FOUND} (Dapr's code answers 401, its docs say 400), no store at all 500
 * {@code ERR_SECRET_STORES_NOT_CONFIGURED}, a store's failure 500 {@code ERR_SECRET_GET}.
 */
@ApplicationScoped
public class SecretReader {
    @Inject
    SecretStores stores;

    public <T> T read(String store, Function<SecretStore, T> action) {
        if (stores.all().isEmpty()) {
            throw new DaprException(500, "ERR_SECRET_STORES_NOT_CONFIGURED", "no secret store is configured");
        }
        SecretStore found = stores.store(store).orElseThrow(
                () -> new DaprException(401, "ERR_SECRET_STORE_NOT_FOUND", "secret store " + store + " is not found"));
        try {
            return action.apply(found);
        } catch (SecretException e) {
            // SecretException messages never carry a secret value
            throw new DaprException(500, "ERR_SECRET_GET", "secret store " + store + " failed: " + e.getMessage());
        }
    }
}
