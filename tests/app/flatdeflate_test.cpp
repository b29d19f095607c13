#include "app/flatdeflate.h"

#include <gtest/gtest.h>

#include <zlib.h>

#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace rolescope;

namespace {

using Rows = std::vector<std::vector<std::uint8_t>>;

// What zlib's inflate makes of a raw deflate stream; nothing when it is not a valid, complete one.
std::optional<std::string> inflated(const std::string &deflated, std::size_t expectedSize)
{
    z_stream zlib = {};
    if (inflateInit2(&zlib, -15) != Z_OK)
        return std::nullopt;
    std::string out(expectedSize + 16, '\0');
    zlib.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(deflated.data()));
    zlib.avail_in = static_cast<uInt>(deflated.size());
    zlib.next_out = reinterpret_cast<Bytef *>(out.data());
    zlib.avail_out = static_cast<uInt>(out.size());
    const int status = inflate(&zlib, Z_FINISH);
    out.resize(zlib.total_out);
    const bool wholeInputUsed = zlib.avail_in == 0;
    inflateEnd(&zlib);
    if (status != Z_STREAM_END || !wholeInputUsed)
        return std::nullopt;
    return out;
}

// The bytes a PNG decoder sees: each row after its filter byte.
std::string filtered(const Rows &rows)
{
    std::string out;
    for (const auto &row : rows) {
        out.push_back('\0');
        out.append(row.begin(), row.end());
    }
    return out;
}

std::string compressed(const Rows &rows, int pixelBytes, bool last = true)
{
    FlatDeflater deflater(pixelBytes);
    for (const auto &row : rows)
        deflater.addRow(0, row.data(), row.size());
    return deflater.finish(last);
}

// The deflater's checksum and zlib's of the same bytes.
std::pair<std::uint32_t, std::uint32_t> checksums(const Rows &rows, int pixelBytes)
{
    FlatDeflater deflater(pixelBytes);
    for (const auto &row : rows)
        deflater.addRow(0, row.data(), row.size());
    const std::string bytes = filtered(rows);
    const uLong expected = adler32(adler32(0, nullptr, 0),
                                   reinterpret_cast<const Bytef *>(bytes.data()),
                                   static_cast<uInt>(bytes.size()));
    return {deflater.adler32(), static_cast<std::uint32_t>(expected)};
}

// A chart-like row: background with runs of colour and a little noise, as text makes.
std::vector<std::uint8_t> chartRow(std::mt19937 &random, std::size_t pixels, int pixelBytes)
{
    std::vector<std::uint8_t> row(pixels * std::size_t(pixelBytes), 0xff);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> runLength(1, 700);
    for (std::size_t p = 0; p < pixels;) {
        const std::size_t run = std::min(runLength(random), pixels - p);
        const int kind = byte(random) % 3;
        std::uint8_t colour[4] = {std::uint8_t(byte(random)), std::uint8_t(byte(random)),
                                  std::uint8_t(byte(random)), 0xff};
        for (std::size_t k = 0; k < run; ++k, ++p) {
            for (int c = 0; c < pixelBytes; ++c) {
                std::uint8_t &v = row[p * std::size_t(pixelBytes) + std::size_t(c)];
                v = kind == 0 ? 0xff : kind == 1 ? colour[c] : std::uint8_t(byte(random));
            }
        }
    }
    return row;
}

} // namespace

TEST(FlatDeflate, ChartLikeRowsComeBackExactly)
{
    std::mt19937 random(7);
    for (int pixelBytes : {3, 4}) {
        Rows rows;
        for (int r = 0; r < 40; ++r)
            rows.push_back(chartRow(random, 1 + std::size_t(random() % 3000), pixelBytes));
        const std::string deflated = compressed(rows, pixelBytes);
        EXPECT_EQ(inflated(deflated, filtered(rows).size()), filtered(rows)) << pixelBytes;
        const auto [ours, zlibs] = checksums(rows, pixelBytes);
        EXPECT_EQ(ours, zlibs) << pixelBytes;
    }
}

TEST(FlatDeflate, RunsOfEveryLengthAroundTheLongestMatchComeBackExactly)
{
    // 258 bytes is the longest match; 259 and 260 would leave remainders too short for one.
    Rows rows;
    for (std::size_t bytes = 1; bytes < 3 * 258 + 10; ++bytes) {
        std::vector<std::uint8_t> row(bytes, 0xff);
        row[0] = 7; // the row starts with something else, then runs
        rows.push_back(row);
    }
    EXPECT_EQ(inflated(compressed(rows, 3), filtered(rows).size()), filtered(rows));
    const auto [ours, zlibs] = checksums(rows, 3);
    EXPECT_EQ(ours, zlibs);
}

TEST(FlatDeflate, FlatColourShrinksAHundredfold)
{
    Rows rows(100, std::vector<std::uint8_t>(3 * 10000));
    for (auto &row : rows) {
        for (std::size_t i = 0; i < row.size(); i += 3) {
            row[i] = 0x1f;
            row[i + 1] = 0x77;
            row[i + 2] = 0xb4;
        }
    }
    const std::string deflated = compressed(rows, 3);
    EXPECT_LT(deflated.size() * 100, filtered(rows).size());
    // Runs of millions of bytes: the checksum's sums must not overflow.
    const auto [ours, zlibs] = checksums(rows, 3);
    EXPECT_EQ(ours, zlibs);
    EXPECT_EQ(inflated(deflated, filtered(rows).size()), filtered(rows));
}

TEST(FlatDeflate, PartsCompressedOnTheirOwnJoinIntoOneStream)
{
    std::mt19937 random(11);
    Rows all;
    std::string joined;
    for (int part = 0; part < 5; ++part) {
        Rows rows;
        for (int r = 0; r < 7; ++r)
            rows.push_back(chartRow(random, 500, 3));
        joined += compressed(rows, 3, part == 4);
        all.insert(all.end(), rows.begin(), rows.end());
    }
    EXPECT_EQ(inflated(joined, filtered(all).size()), filtered(all));
    // Without its last part the stream is incomplete, not silently shorter.
    EXPECT_EQ(inflated(joined.substr(0, joined.size() / 2), filtered(all).size()), std::nullopt);
}

TEST(FlatDeflate, AnEmptyPartIsValid)
{
    EXPECT_EQ(inflated(compressed({}, 3), 0), std::string());
    const std::string joined = compressed({}, 3, false) + compressed({{1, 2, 3}}, 3, true);
    EXPECT_EQ(inflated(joined, 4), std::string("\0\1\2\3", 4));
}

TEST(FlatDeflate, Rgb32PixelsGoOutAsRgbBytes)
{
    std::mt19937 random(5);
    std::vector<std::vector<std::uint32_t>> pixelRows;
    Rows byteRows;
    for (int r = 0; r < 30; ++r) {
        // Chart-like RGB bytes, packed as 0xffRRGGBB pixels the way QImage::Format_RGB32 is.
        const std::vector<std::uint8_t> rgb = chartRow(random, 1 + std::size_t(random() % 2000), 3);
        std::vector<std::uint32_t> pixels;
        for (std::size_t i = 0; i < rgb.size(); i += 3)
            pixels.push_back(0xff000000u | std::uint32_t(rgb[i]) << 16
                             | std::uint32_t(rgb[i + 1]) << 8 | rgb[i + 2]);
        pixelRows.push_back(pixels);
        byteRows.push_back(rgb);
    }
    FlatDeflater deflater(3);
    for (const auto &pixels : pixelRows)
        deflater.addRgb32Row(0, pixels.data(), pixels.size());
    const std::uint32_t checksum = deflater.adler32();
    const std::string deflated = deflater.finish(true);
    EXPECT_EQ(inflated(deflated, filtered(byteRows).size()), filtered(byteRows));
    EXPECT_EQ(checksum, checksums(byteRows, 3).second);
}
