/* compute: CPU-bound benchmark guest with NO imports (runs in Node.js with an empty import
 * object, and as a Capsule CLI module: "fib N" / "sieve N" / "json N" / "checksum N" -> decimal result).
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

/* ------------------------------------------------------------------ scratch memory
 * One region per workload, reused between calls (benchmarks do not grow memory call after call);
 * a bump pointer inside it is reset at the start of each call. */
typedef struct { u8 *base; u32 cap; u32 used; } arena;

static void arena_reset(arena *a, u32 need) {
    if (need > a->cap) { a->base = cap_alloc(need); a->cap = need; }
    a->used = 0;
}

static void *arena_take(arena *a, u32 n) {
    n = (n + 7u) & ~7u;
    if (a->used + n > a->cap) __builtin_trap();
    void *p = a->base + a->used;
    a->used += n;
    return p;
}

/* ------------------------------------------------------------------ json(n): JSON round trip
 * Writes a document of n records (about 100 bytes each: json(1000) is ~100 KB) with strings that
 * need escaping and decimal numbers, parses it into a tree of nodes, serializes the tree back
 * (compact, same number and escape forms) and returns the FNV-1a hash of the output, or -1 when
 * the output differs from the input (the round trip must be exact). */
enum { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jnode {
    u8 kind;
    u8 frac_digits;          /* J_NUM: digits after the point (0: an integer) */
    i64 num;                 /* J_NUM: the value times 10^frac_digits */
    const u8 *s; u32 len;    /* J_STR: unescaped bytes; object members: key in key/key_len */
    const u8 *key; u32 key_len;
    struct jnode *first, *next;
} jnode;

typedef struct { const u8 *p, *end; arena *a; int bad; } jparser;

static void j_ws(jparser *j) { while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\t' || *j->p == '\r')) j->p++; }

static int j_hex(u8 c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; }

/* a string at p (after the opening quote), unescaped into the arena */
static int j_string(jparser *j, const u8 **out, u32 *out_len) {
    const u8 *q = j->p;
    u32 n = 0;
    while (q < j->end && *q != '"') { if (*q == '\\') q++; q++; n++; }
    if (q >= j->end) return 0;
    u8 *dst = arena_take(j->a, n + 1);
    u32 k = 0;
    while (*j->p != '"') {
        u8 c = *j->p++;
        if (c == '\\') {
            c = *j->p++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': { /* \u00XX only: what the writer emits for control bytes */
                if (j->end - j->p < 4) return 0;
                int h = j_hex(j->p[2]), l = j_hex(j->p[3]);
                if (j->p[0] != '0' || j->p[1] != '0' || h < 0 || l < 0) return 0;
                c = (u8)(h * 16 + l); j->p += 4; break;
            }
            case '"': case '\\': case '/': break;
            default: return 0;
            }
        }
        dst[k++] = c;
    }
    j->p++; /* closing quote */
    *out = dst; *out_len = k;
    return 1;
}

static jnode *j_value(jparser *j, int depth) {
    j_ws(j);
    if (j->p >= j->end || depth > 64) { j->bad = 1; return 0; }
    jnode *v = arena_take(j->a, sizeof(jnode));
    __builtin_memset(v, 0, sizeof(jnode));
    u8 c = *j->p;
    if (c == '{' || c == '[') {
        v->kind = c == '{' ? J_OBJ : J_ARR;
        j->p++;
        j_ws(j);
        jnode **tail = &v->first;
        if (j->p < j->end && *j->p == (c == '{' ? '}' : ']')) { j->p++; return v; }
        for (;;) {
            const u8 *key = 0; u32 key_len = 0;
            if (v->kind == J_OBJ) {
                j_ws(j);
                if (j->p >= j->end || *j->p != '"') { j->bad = 1; return 0; }
                j->p++;
                if (!j_string(j, &key, &key_len)) { j->bad = 1; return 0; }
                j_ws(j);
                if (j->p >= j->end || *j->p != ':') { j->bad = 1; return 0; }
                j->p++;
            }
            jnode *child = j_value(j, depth + 1);
            if (!child) return 0;
            child->key = key; child->key_len = key_len;
            *tail = child; tail = &child->next;
            j_ws(j);
            if (j->p >= j->end) { j->bad = 1; return 0; }
            if (*j->p == ',') { j->p++; continue; }
            if (*j->p == (v->kind == J_OBJ ? '}' : ']')) { j->p++; return v; }
            j->bad = 1; return 0;
        }
    }
    if (c == '"') {
        j->p++;
        v->kind = J_STR;
        if (!j_string(j, &v->s, &v->len)) { j->bad = 1; return 0; }
        return v;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        int neg = c == '-';
        if (neg) j->p++;
        i64 x = 0;
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9') x = x * 10 + (*j->p++ - '0');
        u8 frac = 0;
        if (j->p < j->end && *j->p == '.') {
            j->p++;
            while (j->p < j->end && *j->p >= '0' && *j->p <= '9') { x = x * 10 + (*j->p++ - '0'); frac++; }
            if (frac == 0) { j->bad = 1; return 0; }
        }
        v->kind = J_NUM; v->num = neg ? -x : x; v->frac_digits = frac;
        return v;
    }
    static const char *words[] = { "null", "false", "true" };
    for (int w = 0; w < 3; w++) {
        const char *t = words[w];
        u32 n = 0;
        while (t[n]) n++;
        if ((u32)(j->end - j->p) >= n) {
            u32 i = 0;
            while (i < n && j->p[i] == (u8)t[i]) i++;
            if (i == n) { j->p += n; v->kind = (u8)(J_NULL + w); return v; }
        }
    }
    j->bad = 1;
    return 0;
}

typedef struct { u8 *p, *end; } jwriter;

static void w_byte(jwriter *w, u8 c) { if (w->p >= w->end) __builtin_trap(); *w->p++ = c; }
static void w_text(jwriter *w, const char *t) { while (*t) w_byte(w, (u8)*t++); }

static void w_string(jwriter *w, const u8 *s, u32 n) {
    static const char hex[] = "0123456789abcdef";
    w_byte(w, '"');
    for (u32 i = 0; i < n; i++) {
        u8 c = s[i];
        if (c == '"' || c == '\\') { w_byte(w, '\\'); w_byte(w, c); }
        else if (c == '\n') { w_byte(w, '\\'); w_byte(w, 'n'); }
        else if (c == '\t') { w_byte(w, '\\'); w_byte(w, 't'); }
        else if (c < 0x20) { w_text(w, "\\u00"); w_byte(w, (u8)hex[c >> 4]); w_byte(w, (u8)hex[c & 15]); }
        else w_byte(w, c);
    }
    w_byte(w, '"');
}

static void w_number(jwriter *w, i64 x, u32 frac) {
    u8 digits[24];
    u32 n = 0;
    u64 u = x < 0 ? (u64)(-x) : (u64)x;
    do { digits[n++] = (u8)('0' + u % 10); u /= 10; } while (u);
    while (n <= frac) digits[n++] = '0';
    if (x < 0) w_byte(w, '-');
    while (n > 0) {
        if (n == frac) w_byte(w, '.');
        w_byte(w, digits[--n]);
    }
}

static void j_write(jwriter *w, const jnode *v) {
    switch (v->kind) {
    case J_NULL: w_text(w, "null"); break;
    case J_FALSE: w_text(w, "false"); break;
    case J_TRUE: w_text(w, "true"); break;
    case J_NUM: w_number(w, v->num, v->frac_digits); break;
    case J_STR: w_string(w, v->s, v->len); break;
    default: {
        w_byte(w, v->kind == J_OBJ ? '{' : '[');
        for (const jnode *c = v->first; c; c = c->next) {
            if (c != v->first) w_byte(w, ',');
            if (v->kind == J_OBJ) { w_string(w, c->key, c->key_len); w_byte(w, ':'); }
            j_write(w, c);
        }
        w_byte(w, v->kind == J_OBJ ? '}' : ']');
    }
    }
}

/* the input document: n records, deterministic */
static u32 json_document(jwriter *w, i32 n) {
    static const char *names[] = { "Ada", "Grace", "Linus", "Barbara \"Babs\"", "Edsger", "Frances\nAllen", "Ken", "Dennis\\R" };
    u8 *start = w->p;
    w_byte(w, '[');
    u32 x = 12345;
    for (i32 i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        const char *name = names[(x >> 16) & 7];
        u32 len = 0;
        while (name[len]) len++;
        if (i) w_byte(w, ',');
        w_text(w, "{\"id\":"); w_number(w, i, 0);
        w_text(w, ",\"name\":"); w_string(w, (const u8 *)name, len);
        w_text(w, ",\"score\":"); w_number(w, (i64)(x % 200000) - 100000, 3);
        w_text(w, ",\"active\":"); w_text(w, (x & 1) ? "true" : "false");
        w_text(w, ",\"tags\":[\"alpha\",\"beta\",null],\"ratio\":"); w_number(w, (i64)(x % 1000), 2);
        w_text(w, ",\"nested\":{\"depth\":1,\"path\":\"/a/b/c\"}}");
    }
    w_byte(w, ']');
    return (u32)(w->p - start);
}

CAP_EXPORT("json") i32 json(i32 n) {
    static arena mem;
    if (n < 1) return 0;
    u32 text_cap = (u32)n * 200u + 16u;
    arena_reset(&mem, text_cap * 2u + (u32)n * 24u * (u32)sizeof(jnode));
    u8 *in = arena_take(&mem, text_cap);
    jwriter w = { in, in + text_cap };
    u32 in_len = json_document(&w, n);
    jparser j = { in, in + in_len, &mem, 0 };
    jnode *root = j_value(&j, 0);
    if (!root || j.bad) return -2;
    u8 *out = arena_take(&mem, text_cap);
    jwriter o = { out, out + text_cap };
    j_write(&o, root);
    u32 out_len = (u32)(o.p - out);
    if (out_len != in_len) return -1;
    u32 h = 2166136261u;
    for (u32 i = 0; i < out_len; i++) {
        if (out[i] != in[i]) return -1;
        h = (h ^ out[i]) * 16777619u;
    }
    return (i32)(h & 0x7fffffff);
}

/* ------------------------------------------------------------------ checksum(n): bytes over n bytes
 * Fills n bytes with a pseudo-random sequence (an LCG, a write per byte), then returns their
 * CRC-32 (table-driven, a table lookup per byte), as a non-negative i32 (the top bit cleared). */
CAP_EXPORT("checksum") i32 checksum(i32 n) {
    static arena mem;
    if (n < 1) return 0;
    arena_reset(&mem, (u32)n + 1024u + 8u); /* the table, then n bytes rounded up to 8 */
    u32 *table = arena_take(&mem, 256u * 4u);
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    u8 *buf = arena_take(&mem, (u32)n);
    u32 x = 2463534242u;
    for (i32 i = 0; i < n; i++) { x = x * 1664525u + 1013904223u; buf[i] = (u8)(x >> 24); }
    u32 crc = 0xFFFFFFFFu;
    for (i32 i = 0; i < n; i++) crc = table[(crc ^ buf[i]) & 0xFF] ^ (crc >> 8);
    return (i32)((crc ^ 0xFFFFFFFFu) & 0x7fffffff);
}

static result handle(strlist a) {
    str cmd = a.items[0];
    u32 n = a.n > 1 ? str_to_u32(a.items[1]) : 0;
    if (str_eq(cmd, S("fib")))   return ok(str_u32((u32)fib((i32)n)));
    if (str_eq(cmd, S("sieve"))) return ok(str_u32((u32)sieve((i32)n)));
    if (str_eq(cmd, S("json")))  return ok(str_u32((u32)json((i32)n)));
    if (str_eq(cmd, S("checksum"))) return ok(str_u32((u32)checksum((i32)n)));
    return fail(str_cat(S("unknown command "), cmd));
}

void capsule_main(void) { set_handle(handle); }
