#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace rolescope {

// A raw deflate (RFC 1951) encoder for images of flat colour, such as charts: its only matches
// are repeats of the previous pixel, coded with deflate's fixed Huffman codes. A chart's
// background and card fills become runs that cost 13 bits per 258 bytes and are found eight
// bytes at a time; everything else is stored as literals. General compressors search for
// matches at every byte, which is what made the PNG export of a large chart slow.
//
// The output is one fixed-Huffman block ended on a byte boundary (by an empty stored block,
// as zlib's Z_SYNC_FLUSH does), or the final block: streams of several encoders join into one
// deflate stream, each part compressed on its own.
class FlatDeflater
{
public:
    // PIXELBYTES is the distance of every match: 3 for RGB, 4 for RGBA.
    explicit FlatDeflater(int pixelBytes);

    // Appends one image row after its PNG filter byte. Matches never reach into earlier rows,
    // so rows may come from anywhere.
    void addRow(std::uint8_t filter, const std::uint8_t *pixels, std::size_t size);
    // The same for a row of COUNT 0xffRRGGBB pixels (QImage::Format_RGB32), added as R, G, B
    // bytes for a deflater of 3 bytes per pixel: a painter draws faster into 32-bit pixels,
    // and comparing whole pixels finds the runs sooner.
    void addRgb32Row(std::uint8_t filter, const std::uint32_t *pixels, std::size_t count);
    // The compressed bytes; LAST marks the end of the whole deflate stream.
    std::string finish(bool last);
    // The Adler-32 checksum (as zlib computes it) of every byte added, filter bytes included:
    // a run's share is computed in one step, not byte by byte.
    std::uint32_t adler32() const;

private:
    void putBits(std::uint64_t bits, int count);
    void literal(std::uint8_t value);
    // LENGTH bytes repeating the PERIOD bytes before them, from PATTERN on.
    void repeat(std::size_t length, const std::uint8_t *pattern);
    void addRunToChecksum(std::uint64_t length, const std::uint8_t *pattern);
    void emitMatches(std::size_t length);
    void reduceChecksum();

    int m_distance;
    std::string m_out;
    std::uint64_t m_bits = 0; // pending bits, the first to go out in the lowest place
    int m_bitCount = 0;
    // Adler-32's two sums, reduced modulo 65521 only now and then: 64 bits hold a row's worth.
    std::uint64_t m_sumA = 1;
    std::uint64_t m_sumB = 0;
};

} // namespace rolescope
