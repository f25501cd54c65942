// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import io.capaee.api.traffic.TrafficException;
import io.capaee.api.traffic.TrafficRule;
import io.capaee.api.traffic.TrafficRules;
import io.capaee.api.traffic.TrafficRulesDocument;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads {@code capa.traffic.rules-file} (YAML) into the shared rule store when the application
 * starts, and again whenever the file changes (its modification time is looked at every
 * {@value #CHECK_SECONDS} seconds), so an edit applies without a restart. The file's rules replace
 * the stored rules of the same names; rules added through the admin API under other names are kept.
 * A malformed file is one SEVERE line naming it and the field; the rules in force stay.
 */
@ApplicationScoped
public class TrafficRulesFileLoader {
    static final long CHECK_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(TrafficRulesFileLoader.class.getName());

    @Inject
    @ConfigProperty(name = "capa.traffic.rules-file")
    Optional<String> rulesFile;

    @Inject
    Traffic traffic;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private FileTime loaded;
    private ScheduledFuture<?> watch;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        Optional<Path> file = rulesFile.map(String::trim).filter(s -> !s.isEmpty()).map(Path::of);
        if (file.isEmpty()) {
            return;
        }
        load(file.get());
        watch = scheduler.scheduleWithFixedDelay(() -> load(file.get()), CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (watch != null) {
            watch.cancel(false);
        }
    }

    synchronized void load(Path file) {
        FileTime modified;
        String text;
        try {
            modified = Files.getLastModifiedTime(file);
            if (modified.equals(loaded)) {
                return;
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (loaded != null || !Files.exists(file)) {
                LOG.log(Level.SEVERE, "capa.traffic.rules-file {0} cannot be read ({1}); the rules in force stay", new Object[] {file, e});
            }
            loaded = null;
            return;
        }
        loaded = modified;
        TrafficRules declared;
        try {
            declared = TrafficRulesDocument.parse(text);
        } catch (TrafficException e) {
            LOG.log(Level.SEVERE, "capa.traffic.rules-file {0} is malformed: {1}; the rules in force stay", new Object[] {file, e.getMessage()});
            return;
        }
        try {
            traffic.rules().update(stored -> {
                TrafficRules next = stored;
                for (TrafficRule r : declared.rules()) {
                    next = next.with(r);
                }
                return next;
            });
            LOG.log(Level.INFO, "traffic rules loaded from {0}: {1}", new Object[] {file, declared.rules().stream().map(TrafficRule::name).toList()});
        } catch (TrafficException e) {
            LOG.log(Level.SEVERE, "traffic rules of {0} could not be stored: {1}", new Object[] {file, e.getMessage()});
            loaded = null; // try again at the next check
        }
    }
}
