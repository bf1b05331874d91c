#ifndef SLUICE_CZLIB_SHIM_H
#define SLUICE_CZLIB_SHIM_H

#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot call: this wrapper passes zlib's version and struct size for it.
// A window of 15 + 32 lets zlib detect the gzip or zlib header by itself.
static inline int sluice_inflate_init_auto(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}

#endif
