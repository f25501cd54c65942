// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * When the end-to-end tests run from Liberty's dev mode (Enter in {@code mvn liberty:dev}), only the classes
 * marked {@link AnyServer} run; the others are skipped, saying why. Dev mode runs failsafe against its own
 * server, which has the embedded defaults, not the settings, the Kafka broker and the extra servers that
 * {@code mvn verify} prepares. Registered for every class through JUnit's extension auto-detection
 * ({@code META-INF/services}; failsafe's configuration parameters turn it on); outside dev mode it lets
 * everything run.
 */
public final class DevModeCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!Server.inDevMode()) {
            return ConditionEvaluationResult.enabled("the test server of mvn verify");
        }
        if (context.getTestClass().map(type -> AnnotationSupport.isAnnotated(type, AnyServer.class)).orElse(true)) {
            return ConditionEvaluationResult.enabled("holds on any server, dev mode's too");
        }
        return ConditionEvaluationResult.disabled("needs the test server of mvn verify (its settings, brokers or extra "
                + "servers); dev mode's server has the embedded defaults");
    }
}
