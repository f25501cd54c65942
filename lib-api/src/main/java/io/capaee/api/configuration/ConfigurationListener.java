// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.configuration;

import java.util.Map;

/** Told of changed items, by key; called on the subscription's executor, one change at a time. */
@FunctionalInterface
public interface ConfigurationListener {
    void changed(Map<String, ConfigurationItem> items);
}
