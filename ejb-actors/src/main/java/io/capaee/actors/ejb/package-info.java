// SPDX-License-Identifier: Apache-2.0
/** The EJB shell of the actor runtime: one startup singleton, its configuration, TimerService scheduling and JMX. */
package io.capaee.actors.ejb;
