// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.routes.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * This server's worker URLs in the proxy's route table: revision {@code r} of {@code f} routes to
 * {@code <capa.worker.local-url>/f/r}, and the default of {@code f} to the URL of its default revision.
 * Each change touches only this server's URLs, atomically, so that servers sharing the table (Redis)
 * keep each other's. A URL of that shape is taken to be worker-made; every other route (the
 * registration API's) is left alone.
 */
final class WorkerRoutes {
    /** One URL of one route. */
    record Url(String function, String revision, String url) {}

    private final RouteTable routes;
    private final String localBase;

    WorkerRoutes(RouteTable routes, String localBase) {
        this.routes = routes;
        this.localBase = trimmed(localBase);
    }

    /** A worker's base URL without its trailing slash. */
    static String trimmed(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** True when the table routes {@code function}'s {@code revision} (or default) to this server's {@code target} revision. */
    boolean routesHere(String function, String revision, String target) {
        return routes.urls(function, revision).filter(urls -> urls.contains(localUrl(function, target))).isPresent();
    }

    /**
     * Takes every URL of the worker at {@code base} (another server's {@code capa.worker.local-url})
     * out of the table, its revisions' and its defaults'; returns how many.
     */
    int dropWorker(String base) {
        String prefix = trimmed(base) + "/";
        int[] dropped = {0};
        routes.snapshot().forEach((function, revisions) -> revisions.forEach((revision, urls) -> {
            long theirs = urls.stream().filter(u -> u.startsWith(prefix)).count();
            if (theirs > 0) {
                routes.updateRevision(function, revision, current -> current.stream().filter(u -> !u.startsWith(prefix)).toList());
                dropped[0] += (int) theirs;
            }
        }));
        return dropped[0];
    }

    /** Where this server serves {@code function}/{@code revision}. */
    String localUrl(String function, String revision) {
        return localBase + "/" + function + "/" + revision;
    }

    /** Routes the revision to this server; true when the URL was not there yet. */
    boolean add(String function, String revision) {
        String url = localUrl(function, revision);
        AtomicBoolean added = new AtomicBoolean();
        routes.updateRevision(function, revision, urls -> {
            added.set(!urls.contains(url));
            return added.get() ? append(urls, url) : urls;
        });
        return added.get();
    }

    /** Takes this server's URL out of the revision's route (the revision goes when it has no URL left). */
    void remove(String function, String revision) {
        String url = localUrl(function, revision);
        routes.updateRevision(function, revision, urls -> urls.stream().filter(u -> !u.equals(url)).toList());
    }

    /** Routes the default of {@code function} to this server's URL of {@code revision}, instead of another revision's. */
    void setDefault(String function, String revision) {
        String prefix = localBase + "/" + function + "/";
        routes.updateRevision(function, RouteTable.DEFAULT_REVISION,
                urls -> append(urls.stream().filter(u -> !u.startsWith(prefix)).toList(), localUrl(function, revision)));
    }

    /** Takes this server's URLs out of the default route of {@code function}. */
    void removeDefault(String function) {
        String prefix = localBase + "/" + function + "/";
        routes.updateRevision(function, RouteTable.DEFAULT_REVISION, urls -> urls.stream().filter(u -> !u.startsWith(prefix)).toList());
    }

    /** True when the table routes {@code function}'s default anywhere (this server or not). */
    boolean hasDefault(String function) {
        return routes.urls(function, RouteTable.DEFAULT_REVISION).isPresent();
    }

    /** Drops the default route of {@code function} whoever made it (the worker API's remove_default_revision). */
    void dropDefault(String function) {
        routes.updateRevision(function, RouteTable.DEFAULT_REVISION, urls -> List.of());
    }

    /**
     * Removes this server's worker URLs that lead nowhere: a revision's URL when the revision does
     * not run here, a default's when the default here is another revision (or none). Returns them.
     *
     * @param runs whether {@code (function, revision)} runs here
     * @param defaultOf the revision {@code /functions/{function}} calls here
     */
    List<Url> removeStale(BiPredicate<String, String> runs, Function<String, Optional<String>> defaultOf) {
        List<Url> stale = stale(routes.snapshot(), localBase, runs, defaultOf);
        for (Url u : stale) {
            routes.updateRevision(u.function(), u.revision(), urls -> urls.stream().filter(x -> !x.equals(u.url())).toList());
        }
        return stale;
    }

    static List<Url> stale(Map<String, Map<String, List<String>>> table, String localBase, BiPredicate<String, String> runs,
            Function<String, Optional<String>> defaultOf) {
        List<Url> stale = new ArrayList<>();
        table.forEach((function, revisions) -> revisions.forEach((revision, urls) -> {
            String prefix = localBase + "/" + function + "/";
            for (String url : urls) {
                String target = url.startsWith(prefix) ? url.substring(prefix.length()) : null;
                if (target == null || target.isEmpty() || target.contains("/")) {
                    continue; // not a worker URL of this server
                }
                boolean leadsNowhere = RouteTable.DEFAULT_REVISION.equals(revision)
                        ? !defaultOf.apply(function).filter(target::equals).isPresent()
                        : target.equals(revision) && !runs.test(function, target);
                if (leadsNowhere) {
                    stale.add(new Url(function, revision, url));
                }
            }
        }));
        return stale;
    }

    private static List<String> append(List<String> urls, String url) {
        List<String> out = new ArrayList<>(urls);
        out.add(url);
        return out;
    }
}
