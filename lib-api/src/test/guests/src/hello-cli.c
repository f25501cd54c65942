/* hello-cli: Capsule 0.1.3 CLI guest (see ../README.md) */
#include "capsule.h"

static result handle(strlist args) {
    Log(str_cat(S("args: "), str_u32(args.n)));
    if (str_eq(args.items[0], S("fail"))) return fail(S("boom"));
    if (str_eq(args.items[0], S("empty"))) return ok(S(""));
    return ok(str_cat(S("Hello "), str_join(args, S(","))));
}

void capsule_main(void) { set_handle(handle); }
