// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import io.capaee.api.routes.RouteException;
import io.capaee.api.routes.RouteTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads {@code capa.proxy.routes-file} into the route table when the application starts. Functions
 * that already exist in the table (registered earlier, or by another server sharing Redis) are
 * kept as they are. A missing or malformed file is one SEVERE line naming it; the server still
 * starts (Capsule exited).
 */
@ApplicationScoped
public class RoutesFileLoader {
    private static final Logger LOG = Logger.getLogger(RoutesFileLoader.class.getName());

    @Inject
    ProxyConfig config;

    @Inject
    RouteTable routes;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        config.routesFile().ifPresent(file -> load(Path.of(file)));
    }

    void load(Path file) {
        Map<String, Map<String, List<String>>> declared;
        try {
            declared = RoutesFile.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "capa.proxy.routes-file {0} cannot be read ({1}); no routes loaded from it", new Object[] {file, e});
            return;
        } catch (IllegalArgumentException e) {
            LOG.log(Level.SEVERE, "capa.proxy.routes-file {0} is malformed: {1}; no routes loaded from it", new Object[] {file, e.getMessage()});
            return;
        }
        List<String> loaded = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        try {
            Map<String, Map<String, List<String>>> existing = routes.snapshot();
            declared.forEach((function, revisions) -> {
                if (existing.containsKey(function)) {
                    kept.add(function);
                    return;
                }
                revisions.forEach((revision, urls) -> routes.putRevision(function, revision, urls));
                loaded.add(function + " " + revisions.keySet());
            });
        } catch (RouteException e) {
            LOG.log(Level.SEVERE, "routes of {0} could not be stored: {1}", new Object[] {file, e.getMessage()});
            return;
        }
        LOG.log(Level.INFO, "routes loaded from {0}: {1}; already present, kept as they were: {2}", new Object[] {file, loaded, kept});
    }
}
