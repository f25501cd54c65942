// SPDX-License-Identifier: Apache-2.0
/** HTTP pieces every WAR shares: the error page that turns the web container's own errors into problem details. */
package io.capaee.api.http;
