// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

/**
 * Output binding that sends mail through Jakarta Mail and a {@code <mailSession>} of the server
 * (operation {@code create}: to, cc, bcc and subject in the metadata; text, HTML and attachments in
 * the data).
 */
public interface MailBindingFactory extends OutputBindingFactory {}
