# The RPC test interfaces: parameter lists, struct parameters, several results, inheritance and
# callbacks (an interface passed as an argument).
@0xc4a2e6b8d0f1a3b5;

struct Expression {
  op @0 :Operator;
  operands @1 :List(Float64);
}

enum Operator {
  add @0;
  multiply @1;
  divide @2;
}

struct Answer {
  value @0 :Float64;
  steps @1 :UInt32;
}

interface Named {
  name @0 () -> (name :Text);
}

interface Calculator extends(Named) {
  add @0 (a :Int64, b :Int64) -> (sum :Int64);
  evaluate @1 Expression -> Answer;
  divide @2 (a :Int64, b :Int64) -> (quotient :Int64, remainder :Int64);
  fail @3 (message :Text) -> ();
  slow @4 (millis :UInt32) -> ();
  countdown @5 (from :UInt32, listener :Listener) -> (calls :UInt32);
  keep @6 (listener :Listener) -> ();
  makeListener @7 (label :Text) -> (listener :Listener);
}

interface Listener {
  tick @0 (n :UInt32) -> (ack :Bool);
}
