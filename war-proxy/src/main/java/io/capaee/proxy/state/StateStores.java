// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.state.EtagMismatchException;
import io.capaee.api.state.InvalidEtagException;
import io.capaee.api.state.InvalidStateRequestException;
import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.api.state.StateException;
import io.capaee.api.state.StateScanUnsupportedException;
import io.capaee.api.state.StateStoreFullException;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call on a state store {@code eis/capa/state/NAME}, for the HTTP and the gRPC API alike: the store
 * looked up, a connection for the call, and the store's refusals as {@link DaprException}s with Dapr's codes
 * (400 unknown store or malformed request, 409 ETag mismatch, 400 invalid ETag, 507 full, 500 failure, 500
 * {@code ERR_STATE_STORE_NOT_SUPPORTED} for a query on a store that cannot list its entries).
 */
@ApplicationScoped
public class StateStores {
    private static final Logger LOG = Logger.getLogger(StateStores.class.getName());

    @Inject
    JndiComponents components;

    StateStores() {}

    /** Outside CDI (tests): on these components. */
    public StateStores(JndiComponents components) {
        this.components = components;
    }

    public void write(String store, String errorCode, Consumer<StateConnection> action) {
        read(store, errorCode, c -> {
            action.accept(c);
            return null;
        });
    }

    /** Dapr's state query on {@code store} ({@link StateQuery}): a page of results and the next page's token. */
    public QueryPage query(String store, String query) {
        return read(store, "ERR_STATE_QUERY", c -> StateQuery.parse(query).run(c::scan));
    }

    public <T> T read(String store, String errorCode, Function<StateConnection, T> action) {
        StateConnectionFactory factory = components.find("state", store, StateConnectionFactory.class).orElseThrow(
                () -> new DaprException(400, "ERR_STATE_STORE_NOT_FOUND", "state store " + store + " is not found"));
        try (StateConnection connection = factory.getConnection()) {
            return action.apply(connection);
        } catch (InvalidEtagException e) {
            throw new DaprException(400, errorCode, e.getMessage());
        } catch (InvalidStateRequestException e) {
            throw new DaprException(400, "ERR_MALFORMED_REQUEST", e.getMessage());
        } catch (EtagMismatchException e) {
            throw new DaprException(409, errorCode, "possible etag mismatch: " + e.getMessage());
        } catch (StateStoreFullException e) {
            throw new DaprException(507, "ERR_STATE_STORE_FULL", "state store " + store + ": " + e.getMessage());
        } catch (StateScanUnsupportedException e) {
            throw new DaprException(500, "ERR_STATE_STORE_NOT_SUPPORTED", "state store " + store
                    + " does not support querying: it cannot list its entries");
        } catch (StateException e) {
            // the detail names the store's host and port: for the log, not the client
            LOG.log(Level.WARNING, "state store {0} failed: {1}", new Object[] {store, e.getMessage()});
            throw new DaprException(500, errorCode, "state store " + store + " failed; the server log has the detail", e);
        }
    }
}
