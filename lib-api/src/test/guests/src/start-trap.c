/* start-trap: a valid Capsule 0.1.3 CLI module whose _start (Go main) traps */
#include "capsule.h"

static result handle(strlist args) { return ok(args.items[0]); }

void capsule_main(void) {
    set_handle(handle);
    __builtin_trap();
}
