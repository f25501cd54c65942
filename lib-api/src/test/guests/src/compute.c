/* compute: CPU-bound benchmark guest with NO imports (runs in Node.js with an empty import
 * object, and as a Capsule CLI module: "fib N" / "sieve N" -> decimal result).
 * Built with -DCAPSULE_IMPORTLESS: _start is a no-op, no WASI, no env imports. */
#include "capsule.h"

CAP_EXPORT("fib") i32 fib(i32 n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* number of primes p < n, sieve of Eratosthenes over a byte array in linear memory */
CAP_EXPORT("sieve") i32 sieve(i32 n) {
    if (n < 3) return 0;
    static u8 *scratch;      /* reused between calls so benchmarks do not grow memory */
    static u32 scratch_len;
    if ((u32)n > scratch_len) { scratch = cap_alloc((u32)n); scratch_len = (u32)n; }
    u8 *composite = scratch;
    __builtin_memset(composite, 0, (u32)n);
    i32 count = 0;
    for (i32 i = 2; i < n; i++) {
        if (composite[i]) continue;
        count++;
        for (i64 j = (i64)i * i; j < n; j += i) composite[j] = 1;
    }
    return count;
}

static result handle(strlist a) {
    str cmd = a.items[0];
    u32 n = a.n > 1 ? str_to_u32(a.items[1]) : 0;
    if (str_eq(cmd, S("fib")))   return ok(str_u32((u32)fib((i32)n)));
    if (str_eq(cmd, S("sieve"))) return ok(str_u32((u32)sieve((i32)n)));
    return fail(str_cat(S("unknown command "), cmd));
}

void capsule_main(void) { set_handle(handle); }
