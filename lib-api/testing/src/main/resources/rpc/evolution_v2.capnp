@0xf0a1b2c3d4e5f607;

struct Person {
  name @0 :Text;
  age @1 :UInt8;
  mood @2 :Mood;
  email @3 :Text;
  address @4 :Address;
}

struct Address {
  city @0 :Text;
}

enum Mood {
  calm @0;
  happy @1;
  grumpy @2;
}
