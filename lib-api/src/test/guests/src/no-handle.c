/* no-handle: built with -DCAPSULE_NO_HANDLE_EXPORTS: memory, _start, malloc, free,
 * calloc, realloc, allocateBuffer, but neither callHandle nor callHandleHttp */
#include "capsule.h"

void capsule_main(void) { println(S("no handler here")); }
