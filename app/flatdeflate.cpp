#include "app/flatdeflate.h"

#include <array>
#include <cstring>

namespace rolescope {

namespace {

constexpr std::size_t MinMatch = 3;
constexpr std::uint64_t AdlerBase = 65521;
// Runs up to this long are added to the checksum byte by byte.
constexpr std::uint64_t ShortRun = 64;
constexpr std::size_t MaxMatch = 258;

struct Code
{
    std::uint32_t bits = 0; // ready to go out: Huffman codes reversed, extra bits after them
    int count = 0;
};

// Deflate sends Huffman codes starting from their highest bit.
constexpr std::uint32_t reversed(std::uint32_t code, int length)
{
    std::uint32_t out = 0;
    for (int i = 0; i < length; ++i)
        out |= ((code >> i) & 1u) << (length - 1 - i);
    return out;
}

// The fixed literal/length code of SYMBOL (RFC 1951, 3.2.6).
constexpr Code fixedSymbol(int symbol)
{
    if (symbol < 144)
        return {reversed(0x30u + std::uint32_t(symbol), 8), 8};
    if (symbol < 256)
        return {reversed(0x190u + std::uint32_t(symbol - 144), 9), 9};
    if (symbol < 280)
        return {reversed(std::uint32_t(symbol - 256), 7), 7};
    return {reversed(0xC0u + std::uint32_t(symbol - 280), 8), 8};
}

struct Tables
{
    std::array<Code, 256> literal{};
    std::array<Code, MaxMatch + 1> match{}; // length code, its extra bits and the distance code

    explicit Tables(int distance)
    {
        for (int v = 0; v < 256; ++v)
            literal[std::size_t(v)] = fixedSymbol(v);
        // Lengths 3..258 in deflate's 29 length codes, with their extra bits.
        static constexpr int Base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,
                                         15, 17, 19, 23, 27, 31, 35, 43, 51,  59,
                                         67, 83, 99, 115, 131, 163, 195, 227, 258};
        static constexpr int Extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                          2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
        // Distances 1 to 4 are distance codes 0 to 3, five bits and no extra bits.
        const std::uint32_t distanceCode = reversed(std::uint32_t(distance - 1), 5);
        for (int code = 0; code < 29; ++code) {
            const int end = code + 1 < 29 ? Base[code + 1] : MaxMatch + 1;
            for (int length = Base[code]; length < end && length <= int(MaxMatch); ++length) {
                const Code symbol = fixedSymbol(257 + code);
                Code &c = match[std::size_t(length)];
                c.bits = symbol.bits | (std::uint32_t(length - Base[code]) << symbol.count);
                c.count = symbol.count + Extra[code];
                c.bits |= distanceCode << c.count;
                c.count += 5;
            }
        }
    }
};

const Tables &tablesFor(int distance)
{
    static const Tables rgb(3);
    static const Tables rgba(4);
    return distance == 4 ? rgba : rgb;
}

std::uint64_t load64(const std::uint8_t *p)
{
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

} // namespace

FlatDeflater::FlatDeflater(int pixelBytes)
    : m_distance(pixelBytes == 4 ? 4 : 3)
{
    putBits(0b010, 3); // not the final block; fixed Huffman codes
}

void FlatDeflater::putBits(std::uint64_t bits, int count)
{
    m_bits |= bits << m_bitCount;
    m_bitCount += count;
    if (m_bitCount >= 32) {
        const auto low = static_cast<std::uint32_t>(m_bits);
        const char bytes[4] = {char(low), char(low >> 8), char(low >> 16), char(low >> 24)};
        m_out.append(bytes, 4);
        m_bits >>= 32;
        m_bitCount -= 32;
    }
}

void FlatDeflater::literal(std::uint8_t value)
{
    const Code &c = tablesFor(m_distance).literal[value];
    putBits(c.bits, c.count);
    m_sumA += value;
    m_sumB += m_sumA;
}

void FlatDeflater::reduceChecksum()
{
    m_sumA %= AdlerBase;
    m_sumB %= AdlerBase;
}

void FlatDeflater::repeat(std::size_t length, const std::uint8_t *pattern)
{
    if (length <= ShortRun) {
        // Byte by byte is cheaper here than addRunToChecksum()'s divisions.
        const std::size_t period = std::size_t(m_distance);
        for (std::size_t k = 0, j = 0; k < length; ++k, j = j + 1 == period ? 0 : j + 1) {
            m_sumA += pattern[j];
            m_sumB += m_sumA;
        }
    } else {
        addRunToChecksum(length, pattern);
    }
    emitMatches(length);
}

void FlatDeflater::addRunToChecksum(std::uint64_t n, const std::uint8_t *pattern)
{
    // Byte k of the run is pattern[k % d]. Each byte adds itself to A and A to B, so the run adds
    // its sum to A, and to B n * A plus each byte times the number of bytes from it to the end.
    const std::uint64_t d = std::uint64_t(m_distance);
    reduceChecksum();
    std::uint64_t addA = 0;
    std::uint64_t addB = (n % AdlerBase) * m_sumA;
    for (std::uint64_t j = 0; j < d && j < n; ++j) {
        const std::uint64_t count = (n - j + d - 1) / d; // bytes at j, j + d, j + 2d, ...
        // Their distances to the end: n - j, n - j - d, ...: count of them, summed.
        const std::uint64_t distances = (count % AdlerBase) * ((n - j) % AdlerBase)
                                        + AdlerBase * AdlerBase
                                        - (d * ((count * (count - 1) / 2) % AdlerBase)) % AdlerBase;
        addA += pattern[j] * (count % AdlerBase);
        addB += pattern[j] * (distances % AdlerBase);
    }
    m_sumB += addB;
    m_sumA += addA;
    reduceChecksum();
}

void FlatDeflater::emitMatches(std::size_t length)
{
    const Tables &tables = tablesFor(m_distance);
    while (length > 0) {
        // Never leave a remainder too short to be a match.
        std::size_t part = length;
        if (part > MaxMatch)
            part = length - MaxMatch < MinMatch ? length - MinMatch : MaxMatch;
        const Code &c = tables.match[part];
        putBits(c.bits, c.count);
        length -= part;
    }
}

void FlatDeflater::addRow(std::uint8_t filter, const std::uint8_t *pixels, std::size_t size)
{
    literal(filter);
    const std::size_t d = std::size_t(m_distance);
    std::size_t i = 0;
    while (i < size) {
        if (i >= d && pixels[i] == pixels[i - d]) {
            std::size_t run = 1;
            while (i + run + 8 <= size && load64(pixels + i + run) == load64(pixels + i + run - d))
                run += 8;
            while (i + run < size && pixels[i + run] == pixels[i + run - d])
                ++run;
            if (run >= MinMatch) {
                repeat(run, pixels + i - d);
                i += run;
                continue;
            }
        }
        literal(pixels[i]);
        ++i;
    }
    reduceChecksum();
}

void FlatDeflater::addRgb32Row(std::uint8_t filter, const std::uint32_t *pixels,
                               std::size_t count)
{
    literal(filter);
    for (std::size_t i = 0; i < count;) {
        const std::uint32_t pixel = pixels[i];
        const std::uint8_t rgb[3] = {std::uint8_t(pixel >> 16), std::uint8_t(pixel >> 8),
                                     std::uint8_t(pixel)};
        literal(rgb[0]);
        literal(rgb[1]);
        literal(rgb[2]);
        std::size_t run = 1;
        const std::uint64_t twoPixels = std::uint64_t(pixel) << 32 | pixel;
        while (i + run + 2 <= count
               && load64(reinterpret_cast<const std::uint8_t *>(pixels + i + run)) == twoPixels)
            run += 2;
        while (i + run < count && pixels[i + run] == pixel)
            ++run;
        if (run > 1)
            repeat(3 * (run - 1), rgb);
        i += run;
    }
    reduceChecksum();
}

std::uint32_t FlatDeflater::adler32() const
{
    return std::uint32_t((m_sumB % AdlerBase) << 16 | (m_sumA % AdlerBase));
}

std::string FlatDeflater::finish(bool last)
{
    putBits(0, 7); // end of block
    if (last) {
        putBits(0b011, 3); // the final block, empty
        putBits(0, 7);
    } else {
        putBits(0b000, 3); // an empty stored block: aligned to a byte, then LEN 0 and NLEN
    }
    while (m_bitCount > 0) {
        m_out.push_back(char(m_bits & 0xff));
        m_bits >>= 8;
        m_bitCount -= 8;
    }
    m_bits = 0;
    m_bitCount = 0;
    if (!last)
        m_out.append("\x00\x00\xff\xff", 4);
    return std::move(m_out);
}

} // namespace rolescope
