// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code mail} output binding: Jakarta Mail through the server's {@code <mailSession>}, with
 * to, cc, bcc, subject, a text and/or HTML body, and base64 attachments.
 */
package io.capaee.connector.binding.mail;
