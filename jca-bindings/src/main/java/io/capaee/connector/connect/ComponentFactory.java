// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.api.connect.ConnectorSpec;

/** Opens sources and sinks; the connector work's seam for tests. */
interface ComponentFactory {
    ConnectorSource source(ComponentStep step, String connectorId) throws Exception;

    ConnectorSink sink(ComponentStep step, String connectorId) throws Exception;

    default DeadLetters deadLetters(ConnectorSpec spec, DeadLetterPolicy policy) {
        return DeadLetterPolicy.open(spec, policy);
    }
}
