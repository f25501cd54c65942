/* hello-http-v9: the Capsule 0.1.9 build of hello-http.c (compiled with -DCAPSULE_GEN=19) */
#if CAPSULE_GEN != 19
#error "hello-http-v9 must be compiled with -DCAPSULE_GEN=19"
#endif
#include "hello-http.c"
