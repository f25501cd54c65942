# SPDX-License-Identifier: Apache-2.0
# The gateway's own RPC service (capa.Gateway): liveness, and discovery of the services and
# schemas this server answers under /v1.0-alpha1/rpc/.
@0x9d1ea7b1c3e5f701;

struct ServiceInfo {
  name @0 :Text;
  iface @1 :Text;
  ifaceId @2 :UInt64;
  methods @3 :List(Text);
  schemaFile @4 :Text;
}

interface Gateway {
  ping @0 () -> (appId :Text, epochMillis :Int64);
  services @1 () -> (services :List(ServiceInfo));
  schema @2 (service :Text) -> (file :Text, text :Text);
  # Calls the caller's own Echo back with text and answers what it said: checks that callbacks
  # (capabilities) reach this caller. Over NATS only: capabilities cannot travel over HTTP.
  echoVia @3 (callback :Echo, text :Text) -> (text :Text);
}

# A callback the caller exports (cara's capability), for Gateway.echoVia.
interface Echo {
  echo @0 (text :Text) -> (text :Text);
}
