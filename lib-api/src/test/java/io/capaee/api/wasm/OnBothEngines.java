// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs a test once with Chicory's bytecode compiler and once with its interpreter. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "with the {0}")
@EnumSource(EngineKind.class)
public @interface OnBothEngines {}
