@0xe1b3c5d7f9a2b4c6;

struct Range {
  low @0 :Int32;
  high @1 :Int32;
}

enum Level {
  low @0;
  medium @1;
  high @2;
}

struct Box(T) {
  value @0 :T;
  label @1 :Text;
}
