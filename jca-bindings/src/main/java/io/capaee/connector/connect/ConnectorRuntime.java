// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ConnectRuntime;
import io.capaee.api.connect.ConnectorException;
import io.capaee.api.connect.ConnectorManager;
import io.capaee.api.connect.ConnectorParser;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.ConnectorStatus;
import io.capaee.api.connect.InvalidConnectorException;
import io.capaee.connector.ServerId;
import io.capaee.connector.inbound.WorkPacer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The connectors of the resource adapter, keyed by id; created when the adapter starts and
 * stopped with it. Connectors run on the adapter's work manager.
 */
public final class ConnectorRuntime implements ConnectorManager {
    private static final Logger LOG = Logger.getLogger(ConnectorRuntime.class.getName());

    private final WorkPacer pacer;
    private final Clock clock;
    private final ComponentFactory components;
    private final Map<String, DeployedConnector> connectors = new ConcurrentHashMap<>();
    private final Set<Path> deployedFiles = ConcurrentHashMap.newKeySet();
    private final ConnectorParser parser = new ConnectorParser(ConnectRuntime.load());
    private volatile FunctionTransformer transformer = new FunctionTransformer(
            ConnectorsManagedConnectionFactory.DEFAULT_FUNCTIONS_URL, "");
    private volatile boolean stopped;

    /** Connectors of the server {@code server} (in a group, what its sources name per server). */
    public ConnectorRuntime(WorkPacer pacer, Clock clock, ServerId server) {
        this.pacer = pacer;
        this.clock = clock;
        this.components = new Components(server);
    }

    /**
     * Where wasm transformers are called ({@code POST <url>/<function>}), and the Dapr API token they present
     * (empty: none), for a server whose function calls are not public.
     */
    public void functions(String url, String token) {
        transformer = new FunctionTransformer(url, token);
    }

    /**
     * Deploys and starts the connectors of YAML files (a file, or every {@code .yml}/{@code .yaml}
     * of a directory), once per file; the id is the document's {@code connector_id} or the file's
     * name. A file that cannot be read or is invalid is logged (SEVERE, naming file and field) and
     * skipped: the other connectors still run.
     */
    public void deployFiles(List<Path> locations) {
        for (Path location : locations) {
            for (Path file : yamlFiles(location)) {
                if (!deployedFiles.add(file.toAbsolutePath().normalize())) {
                    continue;
                }
                try {
                    String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                    deploy(parser.parse(Files.readString(file, StandardCharsets.UTF_8), null, name), true, "file:" + file);
                } catch (IOException | InvalidConnectorException | ConnectorException e) {
                    LOG.log(Level.SEVERE, "connector file {0} not deployed: {1}", new Object[] {file, e.getMessage()});
                }
            }
        }
    }

    private static List<Path> yamlFiles(Path location) {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location)) {
                return files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList();
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "connector directory {0} cannot be read: {1}", new Object[] {location, e.getMessage()});
                return List.of();
            }
        }
        if (!Files.isRegularFile(location)) {
            LOG.log(Level.SEVERE, "connector file {0} does not exist", location);
            return List.of();
        }
        return List.of(location);
    }

    @Override
    public ConnectorStatus deploy(ConnectorSpec spec, boolean start) {
        return deploy(spec, start, "api");
    }

    private ConnectorStatus deploy(ConnectorSpec spec, boolean start, String origin) {
        if (stopped) {
            throw new ConnectorException(ConnectorException.Reason.UNAVAILABLE, "the connector runtime is stopped");
        }
        DeployedConnector connector = new DeployedConnector(spec, origin, clock, components);
        if (connectors.putIfAbsent(spec.id(), connector) != null) {
            throw new ConnectorException(ConnectorException.Reason.CONFLICT, "connector " + spec.id() + " exists");
        }
        LOG.log(Level.INFO, "connector {0} deployed ({1}: {2} -> {3}, from {4})",
                new Object[] {spec.id(), spec.kind().label(), spec.input().type(), spec.output().type(), origin});
        if (start) {
            connector.start(pacer, transformer);
        }
        return connector.status();
    }

    @Override
    public List<ConnectorStatus> list() {
        List<ConnectorStatus> all = new ArrayList<>();
        connectors.values().forEach(c -> all.add(c.status()));
        all.sort(Comparator.comparing(ConnectorStatus::id));
        return all;
    }

    @Override
    public Optional<ConnectorStatus> status(String id) {
        return Optional.ofNullable(connectors.get(id)).map(DeployedConnector::status);
    }

    @Override
    public ConnectorStatus start(String id) {
        DeployedConnector connector = find(id);
        connector.start(pacer, transformer);
        return connector.status();
    }

    @Override
    public ConnectorStatus stop(String id) {
        DeployedConnector connector = find(id);
        connector.stop();
        return connector.status();
    }

    @Override
    public boolean delete(String id) {
        DeployedConnector connector = connectors.remove(id);
        if (connector == null) {
            return false;
        }
        connector.stop();
        LOG.log(Level.INFO, "connector {0} deleted", id);
        return true;
    }

    /**
     * Stops every connector (the adapter stops); they are forgotten. The work manager runs no more
     * work then, so idle connectors are closed on this thread; those in a turn are awaited together,
     * so that the stop waits for the slowest, not for the sum of them.
     */
    public void stopAll() {
        stopped = true;
        List<DeployedConnector> all = new ArrayList<>(connectors.values());
        connectors.clear();
        all.forEach(DeployedConnector::releaseHere);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DeployedConnector.STOP_WAIT_MILLIS);
        all.forEach(c -> c.awaitStopped(deadline));
    }

    private DeployedConnector find(String id) {
        DeployedConnector connector = connectors.get(id);
        if (connector == null) {
            throw new ConnectorException(ConnectorException.Reason.NOT_FOUND, "no connector " + id);
        }
        return connector;
    }
}
