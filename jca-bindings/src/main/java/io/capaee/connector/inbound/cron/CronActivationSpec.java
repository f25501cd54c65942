// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.cron;

import io.capaee.api.inbound.CronListener;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.ServerId;
import io.capaee.connector.cron.CronSettings;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.RedisConnectedActivationSpec;
import io.capaee.connector.inbound.InboundEndpoint;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisSettings;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Feeds a {@link CronListener} bean with the ticks of a schedule. With {@code claims=redis}, servers that
 * run the same binding on one Redis deliver each tick once between them ({@link TickClaims}).
 */
@Activation(messageListeners = CronListener.class)
public class CronActivationSpec extends RedisConnectedActivationSpec {


    @ConfigProperty(description = "Schedule: '@every 30s', '@hourly', '@daily', or a cron expression of 5 or 6 fields")
    private String schedule = "";

    @ConfigProperty(defaultValue = "UTC", description = "Time zone of cron expressions, e.g. Europe/Paris")
    private String timeZone = "UTC";

    @ConfigProperty(defaultValue = "memory", description = "memory: this server fires every tick; redis: the servers"
            + " on one Redis share the ticks, each fired by one of them")
    private String claims = "memory";

    @ConfigProperty(defaultValue = "capa:cron:", description = "Start of the Redis keys of the claims, followed by the"
            + " bean's name and the due time")
    private String claimKeyPrefix = "capa:cron:";

    @ConfigProperty(defaultValue = "30000", description = "Lease of a claimed tick in milliseconds, renewed while it is"
            + " delivered: how long after its claimant died another server takes the tick over")
    private Integer claimLeaseMillis = 30_000;

    public CronActivationSpec() {
        super(1); // one socket: a claim, a renewal or a look at a tick per turn
    }

    @Override
    protected void validateSource() {
        CronSettings.of(schedule, timeZone);
        if (shared()) {
            redisSettings();
            required("claimKeyPrefix", claimKeyPrefix);
            if (required("claimLeaseMillis", claimLeaseMillis) < 100) {
                throw new InvalidConfigException("claimLeaseMillis", claimLeaseMillis + " must be at least 100 ms");
            }
        }
    }

    private boolean shared() {
        String backend = claims == null ? "" : claims.strip();
        if (backend.isEmpty() || backend.equals("memory")) {
            return false;
        }
        if (backend.equals("redis")) {
            return true;
        }
        throw new InvalidConfigException("claims", "'" + claims + "' is neither memory nor redis");
    }

    @Override
    protected InboundEndpoint createEndpoint(EndpointInvoker invoker) {
        CronSettings settings = CronSettings.of(schedule, timeZone);
        if (!shared()) {
            return new CronInboundEndpoint(settings, getTarget(), policy(), invoker);
        }
        RedisSettings redis = redisSettings();
        long lease = claimLeaseMillis;
        String keys = claimKeyPrefix.strip() + invoker.bean() + ":";
        String owner = ServerId.of(getResourceAdapter()) + "/" + UUID.randomUUID();
        Supplier<TickClaims> claimsFactory = () -> new RedisTickClaims(new RedisClient(redis, "capa-ee-cron"),
                keys, owner, lease);
        return new CronInboundEndpoint(settings, getTarget(), policy(), invoker, claimsFactory,
                Duration.ofMillis(RedisTickClaims.retentionMillis(lease) / 2));
    }

    @Override
    public String describe() {
        return "cron " + schedule + (shared() ? " (ticks shared through " + describeRedis() + ")" : "");
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

    public String getClaims() {
        return claims;
    }

    public void setClaims(String claims) {
        this.claims = claims;
    }

    public String getClaimKeyPrefix() {
        return claimKeyPrefix;
    }

    public void setClaimKeyPrefix(String claimKeyPrefix) {
        this.claimKeyPrefix = claimKeyPrefix;
    }

    public Integer getClaimLeaseMillis() {
        return claimLeaseMillis;
    }

    public void setClaimLeaseMillis(Integer claimLeaseMillis) {
        this.claimLeaseMillis = claimLeaseMillis;
    }

}
