/*
 * capsule.h - a C mirror of the Capsule 0.1.x TinyGo guest SDK ("hostfunctions" package).
 *
 * Used only to build the conformance-test guests of Capa EE (see ../README.md).
 * Compile-time switches:
 *   CAPSULE_GEN = 13 (Capsule 0.1.3 ABI) or 19 (Capsule 0.1.9 ABI)           [default 13]
 *   CAPSULE_NO_HANDLE_EXPORTS  - do not export callHandle / callHandleHttp
 *   CAPSULE_IMPORTLESS         - no WASI imports at all (_start does not run the
 *                                TinyGo-like runtime init, println is a no-op)
 *
 * Everything lives in linear memory allocated by the SDK bump allocator (never freed),
 * exactly like the garbage-collected TinyGo guest in a short-lived instance.
 */
#ifndef CAPSULE_H
#define CAPSULE_H

#ifndef CAPSULE_GEN
#define CAPSULE_GEN 13
#endif
#if CAPSULE_GEN != 13 && CAPSULE_GEN != 19
#error "CAPSULE_GEN must be 13 or 19"
#endif

typedef unsigned char u8;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;

#define CAP_EXPORT(name) __attribute__((export_name(name)))
#define CAP_IMPORT(mod, name) __attribute__((import_module(mod), import_name(name)))

/* ---- strings (UTF-8 byte views, not NUL-terminated) ---- */
typedef struct { const u8 *ptr; u32 len; } str;
typedef struct { str *items; u32 n; } strlist;
typedef struct { str *names; str *values; u32 n; u32 cap; } strmap;
/* (string, error) pair of the Go SDK: is_err != 0 => err holds the message */
typedef struct { str value; int is_err; str err; } result;

#define S(lit) ((str){ (const u8 *)(lit), (u32)(sizeof(lit) - 1) })

void *cap_alloc(u32 size);              /* same allocator as the malloc export */
str   str_from_c(const char *z);
str   str_cat(str a, str b);
str   str_cat3(str a, str b, str c);
int   str_eq(str a, str b);
int   str_cmp(str a, str b);
int   str_starts(str s, str prefix);
i32   str_find(str s, str needle, u32 from);   /* -1 when not found */
str   str_sub(str s, u32 from, u32 to);
strlist str_split(str s, str sep);              /* Go strings.Split semantics (sep non-empty) */
str   str_join(strlist l, str sep);
void  strlist_sort(strlist l);
str   str_u32(u32 v);
u32   str_to_u32(str s);                        /* decimal, stops at first non-digit */

strmap *map_new(void);
void  map_set(strmap *m, str name, str value);  /* replaces an existing name (Go map) */
int   map_get(const strmap *m, str name, str *out);

result ok(str value);
result fail(str message);

/* ---- WASI helpers (TinyGo runtime lookalikes) ---- */
void  println(str s);                           /* fd_write(1, ...) + "\n" */
u64   nanotime(void);                           /* clock_time_get(MONOTONIC) */

/* ---- handlers ---- */
typedef result (*capsule_handler)(strlist args);
typedef struct {
    str body;
    strmap *headers;
    str raw_headers;   /* the headers string exactly as the host passed it (test hook) */
    str uri;           /* gen 19 only, empty in gen 13 */
    str method;        /* gen 19 only, empty in gen 13 */
} request;
/* returns the response body (or error); fills *resp_headers (starts empty) */
typedef result (*capsule_http_handler)(const request *req, strmap *resp_headers);

void set_handle(capsule_handler h);
void set_handle_http(capsule_http_handler h);

/* guest entry point: the Go main(), run by _start */
void capsule_main(void);

/* ---- host-function wrappers (import emitted only when used, like TinyGo DCE) ---- */
void   Log(str msg);
str    GetHostInformation(void);
str    Ping(str msg);
result Http(str url, str method, const strmap *headers, str body);
result ReadFile(str path);
result WriteFile(str path, str content);
result GetEnv(str name);
result RedisSet(str key, str value);
result RedisGet(str key);
result RedisKeys(str pattern, strlist *keys);    /* value = raw host string */
result CouchBaseQuery(str query);
result FunctionName(str msg);                    /* SDK template: imports env.hostFunctionName */

#endif
