// SPDX-License-Identifier: Apache-2.0
/**
 * The schedule API over HTTP, in the shape of Dapr's Jobs API ({@code /v1.0-alpha1/jobs/{name}}): a thin
 * front of lib-api's {@link io.capaee.api.jobs.JobScheduler}, which the actor runtime's EJB binds.
 */
package io.capaee.proxy.jobs;
