// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.placement;

import io.capaee.actors.runtime.Placement;
import io.capaee.api.actors.ActorGroupMember;
import io.capaee.api.actors.ActorId;
import io.capaee.api.json.Jsonp;
import io.capaee.api.kv.Fence;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * Actors shared by a group of servers through leases in the key/value store (Redis). Actor ids hash
 * into {@code partitions}; a server owns a partition while it holds the partition's lease key, whose
 * value is its token ({@code <self-url> <uuid of this start>}) and which expires unless renewed. Every
 * {@link #tick} the server renews its leases, announces itself (its member key, expiring like a lease),
 * reads the members, and moves towards its fair share ({@link #share}): the members' shares differ by one at
 * most and add up to every partition. Beyond it, it hands partitions over (their calls drain, their actors
 * are deactivated, then the lease is deleted); below it, it takes free ones. A call for a partition nobody
 * holds takes it at once.
 *
 * <p>A server acts on a partition only until three quarters of a lease duration after its last
 * renewal began, so it stops before its lease can run out in the store and be taken by another. The
 * writes of a turn are fenced by the token ({@link #fence}): one that lands after the lease passed on
 * is refused by the store itself.
 */
public final class PartitionLeases implements Placement {
    private static final Logger LOG = Logger.getLogger(PartitionLeases.class.getName());
    private static final JsonProvider JSON = Jsonp.provider();

    private final PlacementSettings settings;
    private final KeyValueConnectionFactory store;
    private final Clock clock;
    private final String self;
    private final String token;
    private final Duration validity;
    /** Partitions this server owns, each with the instant until which it may act on it. */
    private final Map<Integer, Instant> owned = new ConcurrentHashMap<>();
    /** Owned partitions being handed over: their calls wait (elsewhere) until the new owner has them. */
    private final Set<Integer> moving = ConcurrentHashMap.newKeySet();
    /** Partitions other servers own, as last read, with the instant until which that is trusted. */
    private final Map<Integer, Known> known = new ConcurrentHashMap<>();
    private volatile List<ActorGroupMember> members = List.of();
    private volatile Owner owner;
    private volatile boolean stopped;
    private volatile boolean stopping;
    /** This server's fair share as last computed: a call takes a free partition only while it holds fewer. */
    private volatile int target;
    private String announced; // guarded by this: the member document last written

    private record Known(URI url, Instant until) {}

    public PartitionLeases(PlacementSettings settings, KeyValueConnectionFactory store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.self = settings.selfUrl().toString();
        this.token = self + " " + UUID.randomUUID();
        this.validity = settings.leaseDuration().minus(settings.leaseDuration().dividedBy(4));
        this.target = settings.partitions();
    }

    /** The partition of {@code actor}: a CRC-32 of its type and id, the same on every server. */
    @Override
    public int partition(ActorId actor) {
        return partition(actor.type() + "||" + actor.id());
    }

    @Override
    public int partition(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % settings.partitions());
    }

    String leaseKey(int partition) {
        return settings.keyPrefix() + "placement||lease||" + partition;
    }

    private String memberKey(String url) {
        return settings.keyPrefix() + "placement||member||" + url;
    }

    @Override
    public boolean owns(int p) {
        Instant until = owned.get(p);
        return until != null && !moving.contains(p) && clock.instant().isBefore(until);
    }

    @Override
    public boolean holds(int p) {
        return owned.containsKey(p) && !moving.contains(p);
    }

    @Override
    public Where where(ActorId actor) {
        int p = partition(actor);
        if (stopped || stopping || owner == null) {
            return new Where.Nowhere("this server is " + (owner == null ? "starting" : "stopping"));
        }
        if (moving.contains(p)) {
            return new Where.Nowhere("partition " + p + " is being handed over to another server");
        }
        if (owns(p)) {
            return new Where.Here();
        }
        Instant now = clock.instant();
        Known k = known.get(p);
        if (k != null && now.isBefore(k.until())) {
            return new Where.There(k.url());
        }
        try (KeyValueConnection c = store.getConnection()) {
            Optional<String> holder = c.get(leaseKey(p));
            if (holder.isEmpty() && owned.size() - moving.size() < target && take(c, p)) {
                gained(Set.of(p));
                return new Where.Here();
            }
            holder = holder.isEmpty() ? c.get(leaseKey(p)) : holder;
            if (holder.isEmpty()) {
                return new Where.Nowhere("partition " + p + " has no owner yet (the servers below their share take it at their next renewal)");
            }
            if (holder.get().equals(token)) {
                // still this server's in the store (a renewal ran late, or its answer was lost): renew it here
                return readopt(c, p) ? new Where.Here() : new Where.Nowhere("this server's lease on partition " + p + " ran out");
            }
            URI url = URI.create(holder.get().substring(0, Math.max(0, holder.get().indexOf(' '))));
            if (url.toString().equals(self)) {
                return new Where.Nowhere("partition " + p + " is held by an earlier start of this server until its lease runs out");
            }
            known.put(p, new Known(url, now.plus(settings.renewEvery())));
            return new Where.There(url);
        }
    }

    /** Renews a lease the store still gives this server; true when it is this server's again. */
    private boolean readopt(KeyValueConnection c, int p) {
        Instant began = clock.instant();
        if (!c.compareAndSet(leaseKey(p), token, token, settings.leaseDuration())) {
            return false;
        }
        if (owned.put(p, began.plus(validity)) == null) {
            gained(Set.of(p));
        }
        return true;
    }

    @Override
    public void fencedOff(ActorId actor) {
        int p = partition(actor);
        try (KeyValueConnection c = store.getConnection()) {
            if (!c.get(leaseKey(p)).map(token::equals).orElse(false)) {
                lose(p, "a write of one of its actors was fenced off");
            }
        } catch (KeyValueException e) {
            LOG.fine("checking the lease of partition " + p + " failed: " + e.getMessage());
        }
    }

    @Override
    public void stale(ActorId actor) {
        known.remove(partition(actor));
    }

    @Override
    public Optional<Fence> fence(ActorId actor) {
        return Optional.of(new Fence(leaseKey(partition(actor)), token));
    }

    /** Takes a free partition; true when this server now owns it (the caller tells the owner it gained it). */
    private boolean take(KeyValueConnection c, int p) {
        if (stopped || stopping || owner == null || owned.containsKey(p)) {
            return false;
        }
        Instant now = clock.instant();
        if (!c.compareAndSet(leaseKey(p), null, token, settings.leaseDuration())) {
            return false;
        }
        owned.put(p, now.plus(validity));
        known.remove(p);
        LOG.info(() -> "CAPA-ACTORS: took actor partition " + p);
        return true;
    }

    /** How often {@link #tick} should run. */
    public Duration renewEvery() {
        return settings.renewEvery();
    }

    @Override
    public void start(Owner owner) {
        this.owner = owner;
        tick();
    }

    @Override
    public void quiesce() {
        stopping = true;
    }

    /**
     * Renews the leases, announces this server, reads the members and moves towards the fair share.
     * Called every {@link PlacementSettings#renewEvery()}; a failing store is logged and tried again.
     */
    public synchronized void tick() {
        if (stopped || owner == null) {
            return;
        }
        try (KeyValueConnection c = store.getConnection()) {
            renew(c);
            announce(c);
            List<ActorGroupMember> group = readMembers(c);
            members = group;
            if (stopping) {
                return; // the leases held are renewed until stop() gives them back; nothing moves
            }
            int share = share(group);
            target = share;
            int held = owned.size() - moving.size();
            if (held > share) {
                handOver(held - share);
            } else if (held < share) {
                takeFree(c, share - held);
            }
        } catch (KeyValueException e) {
            LOG.warning("CAPA-ACTORS: the placement store failed: " + e.getMessage() + "; trying again in " + settings.renewEvery());
            Instant now = clock.instant();
            for (Map.Entry<Integer, Instant> e2 : List.copyOf(owned.entrySet())) {
                if (!now.isBefore(e2.getValue())) {
                    lose(e2.getKey(), "its lease could not be renewed");
                }
            }
        }
    }

    /**
     * This server's share among {@code group} (sorted by URL, this server in it): {@code partitions / members},
     * one more for the first {@code partitions % members} members. Every member computes the same shares from
     * the same list, so they add up to every partition: with the same {@code ceil(partitions / members)} for
     * all, 16 partitions could settle as 6, 6 and 4 on three servers.
     */
    private int share(List<ActorGroupMember> group) {
        int members = group.size();
        int index = 0;
        while (index < members && !group.get(index).self()) {
            index++;
        }
        return settings.partitions() / members + (index < settings.partitions() % members ? 1 : 0);
    }

    private void renew(KeyValueConnection c) {
        for (int p : List.copyOf(owned.keySet())) {
            Instant began = clock.instant();
            if (c.compareAndSet(leaseKey(p), token, token, settings.leaseDuration())) {
                owned.computeIfPresent(p, (k, v) -> began.plus(validity));
            } else {
                lose(p, "its lease ran out or was taken");
            }
        }
    }

    private void lose(int p, String why) {
        if (owned.remove(p) == null) {
            return;
        }
        moving.remove(p);
        LOG.warning("CAPA-ACTORS: lost actor partition " + p + ": " + why);
        owner.lost(p, false);
    }

    private void announce(KeyValueConnection c) {
        JsonArrayBuilder partitions = JSON.createArrayBuilder();
        new TreeSet<>(owned.keySet()).forEach(partitions::add);
        String doc = JSON.createObjectBuilder().add("url", self).add("partitions", partitions)
                .add("heartbeat", clock.millis()).build().toString();
        String key = memberKey(self);
        if (!c.compareAndSet(key, announced, doc, settings.leaseDuration()) && !c.compareAndSet(key, null, doc, settings.leaseDuration())) {
            c.compareAndSet(key, c.get(key).orElse(null), doc, settings.leaseDuration());
        }
        announced = doc;
    }

    private List<ActorGroupMember> readMembers(KeyValueConnection c) {
        List<ActorGroupMember> group = new ArrayList<>();
        for (String key : c.keys(KeyValueConnection.globLiteral(settings.keyPrefix()) + "placement||member||*")) {
            c.get(key).ifPresent(raw -> {
                try (var reader = JSON.createReader(new StringReader(raw))) {
                    JsonObject doc = reader.readObject();
                    List<Integer> partitions = new ArrayList<>();
                    for (JsonValue v : doc.getJsonArray("partitions")) {
                        partitions.add(((jakarta.json.JsonNumber) v).intValue());
                    }
                    String url = doc.getString("url");
                    group.add(new ActorGroupMember(url, partitions, Instant.ofEpochMilli(doc.getJsonNumber("heartbeat").longValue()),
                            url.equals(self)));
                } catch (RuntimeException e) {
                    LOG.fine("skipping a member document that is not one: " + key);
                }
            });
        }
        if (group.stream().noneMatch(ActorGroupMember::self)) {
            group.add(new ActorGroupMember(self, List.copyOf(new TreeSet<>(owned.keySet())), clock.instant(), true));
        }
        group.sort(Comparator.comparing(ActorGroupMember::url));
        return List.copyOf(group);
    }

    /** Hands over the highest-numbered partitions: their calls drain here, then the lease is given back. */
    private void handOver(int count) {
        List<Integer> mine = new ArrayList<>(owned.keySet());
        mine.removeAll(moving);
        mine.sort(Comparator.reverseOrder());
        for (int p : mine.subList(0, Math.min(count, mine.size()))) {
            moving.add(p);
            LOG.info(() -> "CAPA-ACTORS: handing actor partition " + p + " over");
            owner.lost(p, true).whenComplete((v, e) -> {
                try (KeyValueConnection c = store.getConnection()) {
                    c.compareAndDelete(leaseKey(p), token);
                } catch (KeyValueException failed) {
                    LOG.warning("CAPA-ACTORS: giving partition " + p + " back failed (it expires instead): " + failed.getMessage());
                } finally {
                    owned.remove(p);
                    moving.remove(p);
                }
            });
        }
    }

    /** Takes up to {@code count} partitions that no server holds, starting at a place of this server's own. */
    private void takeFree(KeyValueConnection c, int count) {
        Set<Integer> taken = new TreeSet<>();
        int start = Math.floorMod(self.hashCode(), settings.partitions());
        for (int i = 0; i < settings.partitions() && taken.size() < count; i++) {
            int p = (start + i) % settings.partitions();
            if (!owned.containsKey(p) && c.get(leaseKey(p)).isEmpty() && take(c, p)) {
                taken.add(p);
            }
        }
        if (!taken.isEmpty()) {
            gained(taken);
        }
    }

    /** Tells the owner; a failure to arm their reminders leaves the partitions held (they are armed when next gained). */
    private void gained(Set<Integer> partitions) {
        try {
            owner.gained(partitions);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "arming the reminders of actor partitions " + partitions + " failed", e);
        }
    }

    @Override
    public void stop() {
        synchronized (this) {
            stopping = true;
            stopped = true;
        }
        try (KeyValueConnection c = store.getConnection()) {
            for (int p : List.copyOf(owned.keySet())) {
                c.compareAndDelete(leaseKey(p), token);
            }
            if (announced != null) {
                c.compareAndDelete(memberKey(self), announced);
            }
        } catch (KeyValueException e) {
            LOG.warning("CAPA-ACTORS: giving the actor partitions back failed (they expire instead): " + e.getMessage());
        }
        owned.clear();
        moving.clear();
    }

    @Override
    public List<ActorGroupMember> members() {
        return members;
    }

    /** The partitions this server owns now, in order (for tests and the operator views). */
    public List<Integer> owned() {
        return List.copyOf(new TreeSet<>(owned.keySet()));
    }
}
