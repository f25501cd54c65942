/* hostcalls: Capsule 0.1.3 CLI guest dispatching on args[0] to every SDK wrapper
 * (see ../README.md for the command table). */
#include "capsule.h"

static str arg(strlist a, u32 i) { return i < a.n ? a.items[i] : S(""); }

/* n1=v1;n2=v2 -> map ("" -> empty map) */
static strmap *parse_headers(str s) {
    strmap *m = map_new();
    if (s.len == 0) return m;
    strlist items = str_split(s, S(";"));
    for (u32 i = 0; i < items.n; i++) {
        i32 eq = str_find(items.items[i], S("="), 0);
        if (eq < 0) { if (items.items[i].len) map_set(m, items.items[i], S("")); continue; }
        map_set(m, str_sub(items.items[i], 0, (u32)eq), str_sub(items.items[i], (u32)eq + 1, items.items[i].len));
    }
    return m;
}

static volatile u32 spin;
__attribute__((noinline)) static void loop_forever(void) {
    for (;;) spin++;
}

__attribute__((noinline)) static void grow_forever(void) {
    for (;;) {
        if (__builtin_wasm_memory_grow(0, 16) == (unsigned long)-1) __builtin_trap();
    }
}

static volatile u32 depth;
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Winfinite-recursion"
__attribute__((noinline)) static u32 recurse(u32 n) {
    depth = n;
    u32 r = recurse(n + 1);   /* not a tail call: the volatile read below follows it */
    return r + depth;
}
#pragma clang diagnostic pop

static u32 counter;   /* static in linear memory: a fresh instance always answers 1 */

static result handle(strlist a) {
    str cmd = a.items[0];
    if (str_eq(cmd, S("ping")))   return ok(Ping(arg(a, 1)));
    if (str_eq(cmd, S("info")))   return ok(GetHostInformation());
    if (str_eq(cmd, S("log")))    { Log(arg(a, 1)); return ok(S("logged")); }
    if (str_eq(cmd, S("env")))    return GetEnv(arg(a, 1));
    if (str_eq(cmd, S("read")))   return ReadFile(arg(a, 1));
    if (str_eq(cmd, S("write")))  return WriteFile(arg(a, 1), arg(a, 2));
    if (str_eq(cmd, S("redis-set"))) return RedisSet(arg(a, 1), arg(a, 2));
    if (str_eq(cmd, S("redis-get"))) return RedisGet(arg(a, 1));
    if (str_eq(cmd, S("redis-keys"))) {
        strlist keys;
        result r = RedisKeys(arg(a, 1), &keys);
        if (r.is_err) return r;
        strlist_sort(keys);
        return ok(str_join(keys, S(",")));
    }
    if (str_eq(cmd, S("http")))
        return Http(arg(a, 1), arg(a, 2), parse_headers(arg(a, 4)), arg(a, 3));
    if (str_eq(cmd, S("couchbase"))) return CouchBaseQuery(arg(a, 1));
    if (str_eq(cmd, S("loop")))    { loop_forever(); return ok(S("")); }
    if (str_eq(cmd, S("grow")))    { grow_forever(); return ok(S("")); }
    if (str_eq(cmd, S("trap")))    __builtin_trap();
    if (str_eq(cmd, S("recurse"))) return ok(str_u32(recurse(0)));
    if (str_eq(cmd, S("counter"))) { counter++; return ok(str_u32(counter)); }
    if (str_eq(cmd, S("heap"))) {
        u32 n = str_to_u32(arg(a, 1));
        u8 *p = cap_alloc(n);
        if (n) ((volatile u8 *)p)[n - 1] = 1;
        return ok(S("ok"));
    }
    return fail(str_cat(S("unknown command "), cmd));
}

void capsule_main(void) { set_handle(handle); }
