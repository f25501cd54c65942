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
}
