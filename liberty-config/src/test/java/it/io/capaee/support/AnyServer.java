// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An end-to-end test class whose tests hold on any Capa EE server, the embedded defaults included: it needs
 * none of the settings, brokers or extra servers that {@code mvn verify} prepares for the test server. Such
 * classes also run from Liberty's dev mode, against its server ({@link DevModeCondition}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AnyServer {
}
