#ifndef TEE_CCOMPRESSION_SHIM_H
#define TEE_CCOMPRESSION_SHIM_H
#include <zlib.h>
#include <brotli/encode.h>

/// deflateInit2 is a macro; this is it as a function Swift can call.
static inline int tee_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
