// SPDX-License-Identifier: Apache-2.0
/** Webhooks as input bindings: the HTTP endpoint outside services call ({@code /v1.0-alpha1/webhooks/{name}}). */
package io.capaee.proxy.webhooks;
