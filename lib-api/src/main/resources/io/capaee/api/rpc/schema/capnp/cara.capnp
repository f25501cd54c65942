# SPDX-License-Identifier: Apache-2.0
# cara's own annotations (cara/capnp/cara.capnp).
@0xd30e8d7461442f16;

annotation registerGlobally @0xebd6c4912189be2c (struct, interface) :Void;
