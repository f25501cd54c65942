# The structs of the worked examples of connect-and-cara B3.
@0xd5c1b0f5b7c3a2e1;

struct MyStruct {
  field @0 :Text;
  nested @1 :Nested;
  color @2 :Color;
  blob @3 :Data;
  ints @4 :List(Int32);

  struct Nested {
    integer @0 :Int32;
  }

  enum Color {
    red @0;
    green @1;
    blue @2;
  }
}

struct S {
  g :group {
    a @0 :Text;
  }
  u :union {
    x @1 :Int32;
    y @2 :Int64;
  }
  union {
    p @3 :Int8;
    q @4 :Data;
  }
}
