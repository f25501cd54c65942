// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.routes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The reverse proxy's routes: function, then revision, then the ordered upstream base URLs.
 * Revision {@code default} is what {@code /functions/{name}} uses. The operations mirror
 * Capsule's registration API (spec section 5.4) and fail the way it does. Implementations are
 * thread-safe; a shared implementation makes a change visible to every server within a second.
 */
public interface RouteTable {
    String DEFAULT_REVISION = "default";

    /** Every route: function to revision to URLs; a consistent copy. */
    Map<String, Map<String, List<String>>> snapshot();

    /** The URLs of one revision; empty when the function or revision is unknown. */
    Optional<List<String>> urls(String function, String revision);

    /** Creates {@code function} with one revision holding {@code url}. @throws RouteException FUNCTION_EXISTS */
    void createFunction(String function, String revision, String url);

    /** Drops a function and all its revisions. @throws RouteException FUNCTION_NOT_FOUND */
    void removeFunction(String function);

    /** @throws RouteException FUNCTION_NOT_FOUND, REVISION_EXISTS */
    void addRevision(String function, String revision, String url);

    /** @throws RouteException FUNCTION_NOT_FOUND, REVISION_NOT_FOUND */
    void removeRevision(String function, String revision);

    /** Appends a URL (duplicates allowed, as in Capsule). @throws RouteException FUNCTION_NOT_FOUND, REVISION_NOT_FOUND */
    void addUrl(String function, String revision, String url);

    /** Removes the first equal URL, if any; the revision stays even when emptied. @throws RouteException FUNCTION_NOT_FOUND, REVISION_NOT_FOUND */
    void removeUrl(String function, String revision, String url);

    /** Creates or replaces one revision's URL list, creating the function if needed (used by workers). */
    void putRevision(String function, String revision, List<String> urls);

    /**
     * Replaces one revision's URLs with {@code change} applied to them (an empty list when the
     * revision is absent), in one atomic update, so that servers sharing the table each change
     * only their own URLs without losing another's. An empty result removes the revision, and
     * the function when it has no revision left (used by workers).
     */
    void updateRevision(String function, String revision, UnaryOperator<List<String>> change);

    /**
     * Re-reads the shared store now, for implementations that answer from a local copy: a caller
     * that missed a route another WAR or server may just have added calls it before giving up.
     */
    default void refresh() {}

    /**
     * The table after a miss: implementations that answer from a local copy re-read the shared
     * store unless the copy is only just read, so that a route added a moment ago (a worker deploy
     * elsewhere in this server) is found without a store round trip on every such request.
     */
    default Map<String, Map<String, List<String>>> snapshotAfterMiss() {
        return snapshot();
    }
}
