// SPDX-License-Identifier: Apache-2.0
/**
 * Remote actor hosts, Dapr-style: applications that serve {@code /dapr/config} and
 * {@code PUT /actors/{type}/{id}/method/{m}}, called over HTTP with Dapr's callback protocol.
 */
package io.capaee.actors.remote;
