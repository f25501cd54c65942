// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.cron;

import io.capaee.api.inbound.CronListener;
import io.capaee.connector.cron.CronSettings;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.InboundActivationSpec;
import io.capaee.connector.inbound.InboundEndpoint;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/** Feeds a {@link CronListener} bean with the ticks of a schedule. */
@Activation(messageListeners = CronListener.class)
public class CronActivationSpec extends InboundActivationSpec {

    @ConfigProperty(description = "Schedule: '@every 30s', '@hourly', '@daily', or a cron expression of 5 or 6 fields")
    private String schedule = "";

    @ConfigProperty(defaultValue = "UTC", description = "Time zone of cron expressions, e.g. Europe/Paris")
    private String timeZone = "UTC";

    @Override
    protected void validateSource() {
        CronSettings.of(schedule, timeZone);
    }

    @Override
    protected InboundEndpoint createEndpoint(MessageEndpointFactory factory) {
        return new CronInboundEndpoint(CronSettings.of(schedule, timeZone), getTarget(), policy(),
                new EndpointInvoker(factory));
    }

    @Override
    public String describe() {
        return "cron " + schedule;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }
}
