# SPDX-License-Identifier: Apache-2.0
# The annotations of Cap'n Proto's c++.capnp, so that schemas written for the C++ tool load here.
@0xbdf87d7bb8304e81;
$namespace("capnp::annotations");

annotation namespace(file) :Text;
annotation name(field, enumerant, struct, enum, interface, method, param, group, union) :Text;
annotation allowCancellation(interface, method) :Void;
