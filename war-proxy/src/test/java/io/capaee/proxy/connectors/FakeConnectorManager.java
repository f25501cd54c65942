// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ConnectorException;
import io.capaee.api.connect.ConnectorManager;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.ConnectorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The adapter's connector manager as the API sees it, in memory: what is deployed, running, and from where. */
final class FakeConnectorManager implements ConnectorManager {
    private final Map<String, Deployed> deployed = new TreeMap<>();
    /** Every deploy, in order: a state change of a stored connector must not deploy it again. */
    final List<String> deploys = new ArrayList<>();

    private static final class Deployed {
        final ConnectorSpec spec;
        final String origin;
        boolean running;

        Deployed(ConnectorSpec spec, String origin, boolean running) {
            this.spec = spec;
            this.origin = origin;
            this.running = running;
        }
    }

    /** A connector of a file named in server.xml. */
    void deployFile(ConnectorSpec spec, String file) {
        deployed.put(spec.id(), new Deployed(spec, "file:" + file, true));
    }

    ConnectorSpec spec(String id) {
        return deployed.get(id).spec;
    }

    @Override
    public ConnectorStatus deploy(ConnectorSpec spec, boolean start) {
        if (deployed.containsKey(spec.id())) {
            throw new ConnectorException(ConnectorException.Reason.CONFLICT, "connector " + spec.id() + " exists");
        }
        deployed.put(spec.id(), new Deployed(spec, "api", start));
        deploys.add(spec.id());
        return status(spec.id()).orElseThrow();
    }

    @Override
    public List<ConnectorStatus> list() {
        return deployed.keySet().stream().map(id -> status(id).orElseThrow()).toList();
    }

    @Override
    public Optional<ConnectorStatus> status(String id) {
        Deployed d = deployed.get(id);
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new ConnectorStatus(id, d.spec.description(), d.spec.kind(),
                d.running ? ConnectorStatus.State.RUNNING : ConnectorStatus.State.STOPPED, d.running,
                d.spec.input().type(), d.spec.output().type(), d.spec.transformer().size(), 0, 0, 0, 0, -1, null, null, d.origin));
    }

    @Override
    public ConnectorStatus start(String id) {
        find(id).running = true;
        return status(id).orElseThrow();
    }

    @Override
    public ConnectorStatus stop(String id) {
        find(id).running = false;
        return status(id).orElseThrow();
    }

    @Override
    public boolean delete(String id) {
        return deployed.remove(id) != null;
    }

    private Deployed find(String id) {
        Deployed d = deployed.get(id);
        if (d == null) {
            throw new ConnectorException(ConnectorException.Reason.NOT_FOUND, "no connector " + id);
        }
        return d;
    }
}
