/* missing-import: hello-cli + a call to the SDK template import env.hostFunctionName,
 * which no Capsule host provides => instantiation must fail (unresolved import). */
#include "capsule.h"

static result handle(strlist args) {
    Log(str_cat(S("args: "), str_u32(args.n)));
    result t = FunctionName(args.items[0]);
    if (t.is_err) return t;
    if (str_eq(args.items[0], S("fail"))) return fail(S("boom"));
    if (str_eq(args.items[0], S("empty"))) return ok(S(""));
    return ok(str_cat(S("Hello "), str_join(args, S(","))));
}

void capsule_main(void) { set_handle(handle); }
