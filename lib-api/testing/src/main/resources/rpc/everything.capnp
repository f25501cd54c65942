# Every built-in type, lists, enums, unions, groups, nesting, defaults, generics, consts and
# annotations; also the source of the generated records in the tests.
@0xa9e5c4b1f0d2e3c7;

using Cxx = import "/capnp/c++.capnp";
using Common = import "common.capnp";
$Cxx.namespace("test::everything");

annotation label(struct, field, enum, interface) :Text;

const defaultName :Text = "anonymous";
const limits :Common.Range = (low = -5, high = 5);

struct Everything $label("all types") {
  voidField @0 :Void;
  boolField @1 :Bool = true;
  int8Field @2 :Int8 = -8;
  int16Field @3 :Int16;
  int32Field @4 :Int32;
  int64Field @5 :Int64;
  uint8Field @6 :UInt8;
  uint16Field @7 :UInt16;
  uint32Field @8 :UInt32;
  uint64Field @9 :UInt64;
  float32Field @10 :Float32;
  float64Field @11 :Float64 = 1.5;
  textField @12 :Text = .defaultName;
  dataField @13 :Data = 0x"01 02 ff";
  structField @14 :Common.Range = .limits;
  enumField @15 :Common.Level = high;
  texts @16 :List(Text) $label("a list");
  nestedLists @17 :List(List(Int16));
  structs @18 :List(Common.Range);
  enums @19 :List(Common.Level) = [low, high];
  inner @20 :Inner;
  boxed @21 :Common.Box(Text);
  anything @22 :AnyPointer;

  struct Inner {
    name @0 :Text;
    deeper @1 :Deeper;

    struct Deeper {
      flag @0 :Bool;
    }
  }
}

struct Shape {
  name @0 :Text;
  union {
    circle @1 :Float64;
    rectangle :group {
      width @2 :Float64;
      height @3 :Float64;
    }
    nothing @4 :Void;
  }
  style :union {
    plain @5 :Void;
    colored @6 :Common.Level;
  }
  position :group {
    x @7 :Int32;
    y @8 :Int32;
  }
}
