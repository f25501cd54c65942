// SPDX-License-Identifier: Apache-2.0
/**
 * HTTP pieces every WAR shares: the problem-details type of their errors ({@link io.capaee.api.http.Problem}), and
 * the error page that turns the web container's own errors into problem details.
 */
package io.capaee.api.http;
