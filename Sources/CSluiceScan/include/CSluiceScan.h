#ifndef CSLUICESCAN_H
#define CSLUICESCAN_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// What 64 bytes of a CSV hold, a bit per byte (bit k for byte k).
typedef struct {
    /// The bytes that end a plain cell: the delimiter, a quote, a backslash, LF or CR.
    uint64_t stops;
    /// The bytes that are not printable ASCII: below 0x20 or above 0x7F.
    uint64_t unprintable;
} sluice_csv_block;

/// Classifies the 64 bytes at `p` (all 64 must be readable). Header-only and inline, so Swift's optimizer inlines it
/// into the reader's loop: a call per block would cost more than the classification.
///
/// With SSE2 (every x86-64) sixteen bytes are compared at once and the comparisons turned into bits with movemask,
/// which Swift's SIMD types cannot express; elsewhere a byte loop gives the same bits.
static inline sluice_csv_block sluice_csv_classify(const uint8_t *p, uint8_t delimiter) {
    sluice_csv_block block = {0, 0};
#if defined(__SSE2__)
    const __m128i delimiters = _mm_set1_epi8((char)delimiter);
    const __m128i quotes = _mm_set1_epi8('"');
    const __m128i backslashes = _mm_set1_epi8('\\');
    const __m128i lineFeeds = _mm_set1_epi8('\n');
    const __m128i returns = _mm_set1_epi8('\r');
    // A signed comparison: bytes from 0x80 up are negative, so "less than 0x20" flags them with the controls.
    const __m128i spaces = _mm_set1_epi8(0x20);
    for (int k = 0; k < 4; k++) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        const __m128i stop = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, delimiters), _mm_cmpeq_epi8(v, quotes)),
            _mm_or_si128(_mm_cmpeq_epi8(v, backslashes), _mm_or_si128(_mm_cmpeq_epi8(v, lineFeeds), _mm_cmpeq_epi8(v, returns))));
        block.stops |= (uint64_t)(uint16_t)_mm_movemask_epi8(stop) << (16 * k);
        block.unprintable |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmplt_epi8(v, spaces)) << (16 * k);
    }
#else
    for (int k = 0; k < 64; k++) {
        const uint8_t b = p[k];
        if (b == delimiter || b == '"' || b == '\\' || b == '\n' || b == '\r') block.stops |= (uint64_t)1 << k;
        if (b < 0x20 || b >= 0x80) block.unprintable |= (uint64_t)1 << k;
    }
#endif
    return block;
}

#endif
