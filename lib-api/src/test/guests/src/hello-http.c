/* hello-http (CAPSULE_GEN=13, 4-param callHandleHttp, '|' headers) and, when included by
 * hello-http-v9.c, hello-http-v9 (CAPSULE_GEN=19, 8 params, U+00B2 headers). See ../README.md. */
#include "capsule.h"

#if CAPSULE_GEN == 19
#define GUEST_ID "capsule-0.1.9"
#else
#define GUEST_ID "capsule-0.1.3"
#endif

static result handle(const request *req, strmap *resp) {
    str mode, type;
    int has_mode = map_get(req->headers, S("X-Reply-Mode"), &mode);
    if (has_mode && str_eq(mode, S("noheaders"))) return ok(S("no headers"));

    if (!map_get(req->headers, S("X-Reply-Type"), &type)) type = S("text/plain; charset=utf-8");
    map_set(resp, S("Content-Type"), type);
    map_set(resp, S("X-Guest"), S(GUEST_ID));

    if (!has_mode) {
        map_set(resp, S("Message"), S("hello"));
        return ok(str_cat(S("Hello "), req->body));
    }
    if (str_eq(mode, S("echo")))    return ok(req->body);
    if (str_eq(mode, S("headers"))) return ok(req->raw_headers);
    if (str_eq(mode, S("error")))   return fail(req->body);
    if (str_eq(mode, S("trap")))    __builtin_trap();
    if (str_eq(mode, S("redis"))) {
        str key = str_cat(S("http:"), req->body);
        result r = RedisSet(key, req->body);
        if (r.is_err) return r;
        return RedisGet(key);
    }
#if CAPSULE_GEN == 19
    if (str_eq(mode, S("request")))
        return ok(str_cat(str_cat3(S("method="), req->method, S(" uri=")),
                          str_cat3(req->uri, S(" body="), req->body)));
#endif
    return fail(str_cat(S("unknown mode "), mode));
}

void capsule_main(void) { set_handle_http(handle); }
