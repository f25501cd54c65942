/*
 * capsule.c - implementation of capsule.h (C mirror of the Capsule 0.1.x TinyGo SDK).
 * Built without libc (-nostdlib -ffreestanding): every export is declared here.
 */
#include "capsule.h"

/* TinyGo runtimePanic: prints "panic: runtime error: <msg>" to stdout (fd_write) then aborts
 * with `unreachable`. The message is static: nothing is allocated on the panic path. */
__attribute__((noreturn, noinline, cold)) static void runtime_panic(const char *msg);
#define TRAP() runtime_panic("index out of range")
#define TRAP_NIL() runtime_panic("nil pointer dereference")
#define TRAP_OOM() runtime_panic("out of memory")

#if CAPSULE_GEN == 19
#define HEADER_SEP S("\xC2\xB2")   /* U+00B2 '²' */
#else
#define HEADER_SEP S("|")
#endif
#define CLI_SEP S("\xC2\xB0")      /* U+00B0 '°' */

/* ======================================================================
 * allocator: bump allocator over the heap after data + shadow stack.
 * Each block has an 8-byte header holding its size (for realloc).
 * ====================================================================== */
extern u8 __heap_base;
static u32 heap_top;

static void *bump(u32 size) {
    if (heap_top == 0) heap_top = ((u32)&__heap_base + 7u) & ~7u;
    u64 start = (u64)heap_top + 8u;
    u64 end = (start + (u64)size + 7u) & ~(u64)7u;
    if (end > 0xFFFFFFFFull) TRAP_OOM();                   /* cannot ever fit */
    u64 have = (u64)__builtin_wasm_memory_size(0) * 65536u;
    if (end > have) {
        u64 pages = (end - have + 65535u) / 65536u;
        if (__builtin_wasm_memory_grow(0, (unsigned long)pages) == (unsigned long)-1)
            TRAP_OOM();                                      /* TinyGo: "out of memory" panic */
    }
    *(u32 *)(unsigned long)heap_top = size;
    heap_top = (u32)end;
    return (void *)(unsigned long)start;
}

void *cap_alloc(u32 size) { return bump(size); }

CAP_EXPORT("malloc") void *cap_malloc(u32 size) { return bump(size); }

CAP_EXPORT("free") void cap_free(void *ptr) { (void)ptr; }

CAP_EXPORT("calloc") void *cap_calloc(u32 n, u32 size) {
    u64 total = (u64)n * size;
    if (total > 0xFFFFFFFFull) TRAP();
    u8 *p = bump((u32)total);
    __builtin_memset(p, 0, (u32)total);
    return p;
}

CAP_EXPORT("realloc") void *cap_realloc(void *ptr, u32 size) {
    u8 *p = bump(size);
    if (ptr) {
        u32 old = *((u32 *)ptr - 2);
        __builtin_memcpy(p, ptr, old < size ? old : size);
    }
    return p;
}

/* SDK export: make([]byte, size) then &buf[0] -> bounds-check trap when size == 0 */
CAP_EXPORT("allocateBuffer") void *allocateBuffer(u32 size) {
    if (size == 0) TRAP();
    return bump(size);
}

/* ======================================================================
 * strings
 * ====================================================================== */
str str_from_c(const char *z) { u32 n = 0; while (z[n]) n++; return (str){ (const u8 *)z, n }; }

str str_cat(str a, str b) {
    u8 *p = cap_alloc(a.len + b.len);
    if (a.len) __builtin_memcpy(p, a.ptr, a.len);
    if (b.len) __builtin_memcpy(p + a.len, b.ptr, b.len);
    return (str){ p, a.len + b.len };
}
str str_cat3(str a, str b, str c) { return str_cat(str_cat(a, b), c); }

int str_eq(str a, str b) {
    if (a.len != b.len) return 0;
    for (u32 i = 0; i < a.len; i++) if (a.ptr[i] != b.ptr[i]) return 0;
    return 1;
}
int str_cmp(str a, str b) {
    u32 n = a.len < b.len ? a.len : b.len;
    for (u32 i = 0; i < n; i++) if (a.ptr[i] != b.ptr[i]) return a.ptr[i] < b.ptr[i] ? -1 : 1;
    return a.len == b.len ? 0 : (a.len < b.len ? -1 : 1);
}
int str_starts(str s, str p) { return s.len >= p.len && str_eq((str){ s.ptr, p.len }, p); }

i32 str_find(str s, str needle, u32 from) {
    if (needle.len == 0) return (i32)from;
    for (u32 i = from; i + needle.len <= s.len; i++) {
        u32 j = 0;
        while (j < needle.len && s.ptr[i + j] == needle.ptr[j]) j++;
        if (j == needle.len) return (i32)i;
    }
    return -1;
}
str str_sub(str s, u32 from, u32 to) { return (str){ s.ptr + from, to - from }; }

strlist str_split(str s, str sep) {
    u32 n = 1;
    for (i32 i = str_find(s, sep, 0); i >= 0; i = str_find(s, sep, (u32)i + sep.len)) n++;
    strlist l = { cap_alloc(n * sizeof(str)), n };
    u32 k = 0, start = 0;
    for (i32 i = str_find(s, sep, 0); i >= 0; i = str_find(s, sep, (u32)i + sep.len)) {
        l.items[k++] = str_sub(s, start, (u32)i);
        start = (u32)i + sep.len;
    }
    l.items[k] = str_sub(s, start, s.len);
    return l;
}

str str_join(strlist l, str sep) {
    u32 total = 0;
    for (u32 i = 0; i < l.n; i++) total += l.items[i].len + (i ? sep.len : 0);
    u8 *p = cap_alloc(total), *q = p;
    for (u32 i = 0; i < l.n; i++) {
        if (i) { __builtin_memcpy(q, sep.ptr, sep.len); q += sep.len; }
        if (l.items[i].len) __builtin_memcpy(q, l.items[i].ptr, l.items[i].len);
        q += l.items[i].len;
    }
    return (str){ p, total };
}

void strlist_sort(strlist l) {   /* insertion sort, byte-wise ascending */
    for (u32 i = 1; i < l.n; i++) {
        str x = l.items[i];
        u32 j = i;
        while (j > 0 && str_cmp(l.items[j - 1], x) > 0) { l.items[j] = l.items[j - 1]; j--; }
        l.items[j] = x;
    }
}

str str_u32(u32 v) {
    u8 tmp[10]; u32 n = 0;
    do { tmp[n++] = (u8)('0' + v % 10); v /= 10; } while (v);
    u8 *p = cap_alloc(n);
    for (u32 i = 0; i < n; i++) p[i] = tmp[n - 1 - i];
    return (str){ p, n };
}

u32 str_to_u32(str s) {
    u32 v = 0;
    for (u32 i = 0; i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9'; i++) v = v * 10 + (s.ptr[i] - '0');
    return v;
}

strmap *map_new(void) {
    strmap *m = cap_alloc(sizeof(strmap));
    m->n = 0; m->cap = 0; m->names = 0; m->values = 0;
    return m;
}
void map_set(strmap *m, str name, str value) {
    for (u32 i = 0; i < m->n; i++) if (str_eq(m->names[i], name)) { m->values[i] = value; return; }
    if (m->n == m->cap) {
        u32 cap = m->cap ? m->cap * 2 : 8;
        str *nn = cap_alloc(cap * sizeof(str)), *vv = cap_alloc(cap * sizeof(str));
        for (u32 i = 0; i < m->n; i++) { nn[i] = m->names[i]; vv[i] = m->values[i]; }
        m->names = nn; m->values = vv; m->cap = cap;
    }
    m->names[m->n] = name; m->values[m->n] = value; m->n++;
}
int map_get(const strmap *m, str name, str *out) {
    for (u32 i = 0; i < m->n; i++) if (str_eq(m->names[i], name)) { *out = m->values[i]; return 1; }
    return 0;
}

result ok(str value) { return (result){ value, 0, S("") }; }
result fail(str message) { return (result){ S(""), 1, message }; }

/* ======================================================================
 * SDK string conventions (spec 1.8 / 1.9)
 * ====================================================================== */

/* GetStringPtrPositionAndSize: every empty string handed out becomes "empty" */
static str quirk(str s) { return s.len == 0 ? S("empty") : s; }
static u64 pack(str s) { s = quirk(s); return ((u64)(u32)(unsigned long)s.ptr << 32) | s.len; }

static str create_error_string(str message) { return str_cat(S("[ERR][0]:"), message); }

/* commons.GetErrorStringInfo: message = Split(s,"]:")[1]; code = Split(Split(s,"]")[1],"[")[1] */
static str error_message(str s) {
    i32 a = str_find(s, S("]:"), 0);
    if (a < 0) TRAP();                                   /* index out of range */
    i32 b = str_find(s, S("]:"), (u32)a + 2);
    str msg = str_sub(s, (u32)a + 2, b < 0 ? s.len : (u32)b);
    i32 r1 = str_find(s, S("]"), 0);                     /* exists: "]:" was found */
    i32 r2 = str_find(s, S("]"), (u32)r1 + 1);
    str part = str_sub(s, (u32)r1 + 1, r2 < 0 ? s.len : (u32)r2);
    i32 l1 = str_find(part, S("["), 0);
    if (l1 < 0) TRAP();                                  /* index out of range */
    i32 l2 = str_find(part, S("["), (u32)l1 + 1);
    str code = str_sub(part, (u32)l1 + 1, l2 < 0 ? part.len : (u32)l2);
    /* strconv.Atoi; errors => 0 */
    u32 i = 0; int neg = 0; i64 v = 0; int valid = code.len > 0;
    if (valid && (code.ptr[0] == '+' || code.ptr[0] == '-')) { neg = code.ptr[0] == '-'; i = 1; valid = code.len > 1; }
    for (; valid && i < code.len; i++) {
        if (code.ptr[i] < '0' || code.ptr[i] > '9' || v > 100000000000LL) { valid = 0; break; }
        v = v * 10 + (code.ptr[i] - '0');
    }
    if (!valid || v == 0) return msg;
    str num = str_u32((u32)v);
    if (neg) num = str_cat(S("-"), num);
    return str_cat(msg, str_cat3(S(" ("), num, S(")")));
}

static result decode_result(str s) {
    if (str_starts(s, S("[ERR]"))) return fail(error_message(s));
    return ok(s);
}

/* CreateSliceFromString + CreateMapFromSlice */
static strmap *decode_headers(str s) {
    strmap *m = map_new();
    strlist items = str_split(s, HEADER_SEP);
    for (u32 i = 0; i < items.n; i++) {
        strlist parts = str_split(items.items[i], S(":"));
        if (parts.n < 2) {
#if CAPSULE_GEN == 13
            TRAP();                                      /* 0.1.3: index out of range */
#else
            continue;                                    /* 0.1.9: item skipped */
#endif
        }
        map_set(m, parts.items[0], parts.items[1]);
    }
    return m;
}

/* CreateSliceFromMap + CreateStringFromSlice (order: insertion order instead of Go's random order) */
static str encode_headers(const strmap *m) {
    if (!m || m->n == 0) return S("");
    strlist l = { cap_alloc(m->n * sizeof(str)), m->n };
    for (u32 i = 0; i < m->n; i++) l.items[i] = str_cat3(m->names[i], S(":"), m->values[i]);
    return str_join(l, HEADER_SEP);
}

/* ======================================================================
 * WASI (what the TinyGo runtime imports)
 * ====================================================================== */
#ifndef CAPSULE_IMPORTLESS
CAP_IMPORT("wasi_snapshot_preview1", "fd_write")
i32 __wasi_fd_write(i32 fd, const void *iovs, i32 iovs_len, u32 *nwritten);
CAP_IMPORT("wasi_snapshot_preview1", "args_sizes_get")
i32 __wasi_args_sizes_get(u32 *argc, u32 *argv_buf_size);
CAP_IMPORT("wasi_snapshot_preview1", "args_get")
i32 __wasi_args_get(u8 **argv, u8 *argv_buf);
CAP_IMPORT("wasi_snapshot_preview1", "clock_time_get")
i32 __wasi_clock_time_get(i32 clock_id, u64 precision, u64 *time);

void println(str s) {
    struct { const u8 *p; u32 n; } iov[2] = { { s.ptr, s.len }, { (const u8 *)"\n", 1 } };
    u32 written = 0;
    __wasi_fd_write(1, iov, 2, &written);
}

u64 nanotime(void) {
    u64 t = 0;
    __wasi_clock_time_get(1 /* MONOTONIC */, 1000, &t);
    return t;
}

static void runtime_panic(const char *msg) {
    static const char prefix[] = "panic: runtime error: ";
    u32 n = 0; while (msg[n]) n++;
    struct { const void *p; u32 n; } iov[3] = { { prefix, sizeof(prefix) - 1 }, { msg, n }, { "\n", 1 } };
    u32 written = 0;
    __wasi_fd_write(1, iov, 3, &written);
    __builtin_trap();
}

static u32 runtime_argc;
static u8 **runtime_argv;
static u64 runtime_start_time;

static void runtime_init(void) {
    /* TinyGo's runtime: os.Args from WASI, then the start time of the monotonic clock */
    u32 argc = 0, bufsize = 0;
    __wasi_args_sizes_get(&argc, &bufsize);
    runtime_argv = cap_alloc(argc * 4 + 4);
    u8 *buf = cap_alloc(bufsize);
    __wasi_args_get(runtime_argv, buf);
    runtime_argc = argc;
    runtime_start_time = nanotime();
}
#else
static void runtime_panic(const char *msg) { (void)msg; __builtin_trap(); }
void println(str s) { (void)s; }
u64 nanotime(void) { return 0; }
static void runtime_init(void) {}
#endif

CAP_EXPORT("_start") void _start(void) {
    runtime_init();
    capsule_main();
}

/* ======================================================================
 * handlers
 * ====================================================================== */
static capsule_handler handle_function;
static capsule_http_handler handle_http_function;

void set_handle(capsule_handler h) { handle_function = h; }
void set_handle_http(capsule_http_handler h) { handle_http_function = h; }

static str param(u32 ptr, u32 len) { return (str){ (const u8 *)(unsigned long)ptr, len }; }

#ifndef CAPSULE_NO_HANDLE_EXPORTS
CAP_EXPORT("callHandle") u64 callHandle(u32 ptr, u32 len) {
    str input = param(ptr, len);
    if (!handle_function) TRAP_NIL();                     /* nil func call */
    result r = handle_function(str_split(input, CLI_SEP));
    return pack(r.is_err ? create_error_string(r.err) : r.value);
}

static u64 http_common(request *req) {
    if (!handle_http_function) TRAP_NIL();                /* nil func call */
    strmap *resp_headers = map_new();
    result r = handle_http_function(req, resp_headers);
    str hs = encode_headers(resp_headers);
    str head = r.is_err ? create_error_string(r.err) : str_cat(S("[BODY]"), r.value);
    return pack(str_cat3(head, S("[HEADERS]"), hs));
}

#if CAPSULE_GEN == 19
CAP_EXPORT("callHandleHttp")
u64 callHandleHttp(u32 bodyPtr, u32 bodyLen, u32 uriPtr, u32 uriLen,
                   u32 headersPtr, u32 headersLen, u32 methodPtr, u32 methodLen) {
    request req;
    req.body = param(bodyPtr, bodyLen);
    req.uri = param(uriPtr, uriLen);
    req.raw_headers = param(headersPtr, headersLen);
    req.method = param(methodPtr, methodLen);
    req.headers = decode_headers(req.raw_headers);
    return http_common(&req);
}
#else
CAP_EXPORT("callHandleHttp")
u64 callHandleHttp(u32 bodyPtr, u32 bodyLen, u32 headersPtr, u32 headersLen) {
    request req;
    req.body = param(bodyPtr, bodyLen);
    req.raw_headers = param(headersPtr, headersLen);
    req.uri = S("");
    req.method = S("");
    req.headers = decode_headers(req.raw_headers);
    return http_common(&req);
}
#endif
#endif /* CAPSULE_NO_HANDLE_EXPORTS */

/* ======================================================================
 * host functions (module "env"; all params i32, no results)
 * ====================================================================== */
#define ENV(name) CAP_IMPORT("env", name)
ENV("hostLogString") void hostLogString(const u8 *p, u32 n);
ENV("hostGetHostInformation") void hostGetHostInformation(u32 *retPtr, u32 *retLen);
ENV("hostPing") void hostPing(const u8 *p, u32 n, u32 *retPtr, u32 *retLen);
ENV("hostHttp") void hostHttp(const u8 *url, u32 urlLen, const u8 *method, u32 methodLen,
                              const u8 *headers, u32 headersLen, const u8 *body, u32 bodyLen,
                              u32 *retPtr, u32 *retLen);
ENV("hostReadFile") void hostReadFile(const u8 *p, u32 n, u32 *retPtr, u32 *retLen);
ENV("hostWriteFile") void hostWriteFile(const u8 *p, u32 n, const u8 *c, u32 cn, u32 *retPtr, u32 *retLen);
ENV("hostGetEnv") void hostGetEnv(const u8 *p, u32 n, u32 *retPtr, u32 *retLen);
ENV("hostRedisSet") void hostRedisSet(const u8 *k, u32 kn, const u8 *v, u32 vn, u32 *retPtr, u32 *retLen);
ENV("hostRedisGet") void hostRedisGet(const u8 *k, u32 kn, u32 *retPtr, u32 *retLen);
ENV("hostRedisKeys") void hostRedisKeys(const u8 *p, u32 n, u32 *retPtr, u32 *retLen);
ENV("hostCouchBaseQuery") void hostCouchBaseQuery(const u8 *p, u32 n, u32 *retPtr, u32 *retLen);
ENV("hostFunctionName") void hostFunctionName(const u8 *p, u32 n, u32 *retPtr, u32 *retLen);

#define ARG(s) (s = quirk(s)).ptr, (s).len
static str ret_str(u32 p, u32 n) { return param(p, n); }

void Log(str msg) { hostLogString(ARG(msg)); }

str GetHostInformation(void) {
    u32 rp = 0, rn = 0;
    hostGetHostInformation(&rp, &rn);
    return ret_str(rp, rn);
}

str Ping(str msg) {
    u32 rp = 0, rn = 0;
    hostPing(ARG(msg), &rp, &rn);
    return ret_str(rp, rn);
}

result Http(str url, str method, const strmap *headers, str body) {
    u32 rp = 0, rn = 0;
    str hs = encode_headers(headers);
    hostHttp(ARG(url), ARG(method), ARG(hs), ARG(body), &rp, &rn);
    return decode_result(ret_str(rp, rn));
}

result ReadFile(str path) {
    u32 rp = 0, rn = 0;
    hostReadFile(ARG(path), &rp, &rn);
    return decode_result(ret_str(rp, rn));
}

result WriteFile(str path, str content) {
    u32 rp = 0, rn = 0;
    hostWriteFile(ARG(path), ARG(content), &rp, &rn);
    return decode_result(ret_str(rp, rn));
}

result GetEnv(str name) {
    u32 rp = 0, rn = 0;
    hostGetEnv(ARG(name), &rp, &rn);
    return decode_result(ret_str(rp, rn));
}

result RedisSet(str key, str value) {
    u32 rp = 0, rn = 0;
    hostRedisSet(ARG(key), ARG(value), &rp, &rn);
    return decode_result(ret_str(rp, rn));
}

result RedisGet(str key) {
    u32 rp = 0, rn = 0;
    hostRedisGet(ARG(key), &rp, &rn);
    return decode_result(ret_str(rp, rn));
}

result RedisKeys(str pattern, strlist *keys) {
    u32 rp = 0, rn = 0;
    hostRedisKeys(ARG(pattern), &rp, &rn);
    result r = decode_result(ret_str(rp, rn));
    keys->n = 0; keys->items = 0;
    if (!r.is_err) *keys = str_split(r.value, CLI_SEP);
    return r;
}

result CouchBaseQuery(str query) {
    u32 rp = 0, rn = 0;
    hostCouchBaseQuery(ARG(query), &rp, &rn);
    return decode_result(ret_str(rp, rn));
}

result FunctionName(str msg) {
    u32 rp = 0, rn = 0;
    hostFunctionName(ARG(msg), &rp, &rn);
    return decode_result(ret_str(rp, rn));
}
