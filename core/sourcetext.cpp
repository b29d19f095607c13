#include "core/sourcetext.h"

#include "core/utf8.h"

#include <algorithm>
#include <cstdio>

namespace rolescope {

namespace {

// Returns the length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid
// (overlong forms, surrogates and code points past U+10FFFF included).
size_t utf8SequenceLength(std::string_view s, size_t i, char32_t &codePoint)
{
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char lead = byte(i);
    size_t length;
    char32_t min;
    if (lead < 0x80) {
        codePoint = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, min = 0x80, codePoint = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, min = 0x800, codePoint = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, min = 0x10000, codePoint = lead & 0x07;
    } else {
        return 0;
    }
    if (i + length > s.size())
        return 0;
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return 0;
        codePoint = (codePoint << 6) | (byte(i + k) & 0x3F);
    }
    if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        return 0;
    return length;
}

Diagnostic characterError(std::string code, std::string message, SourcePos pos)
{
    return Diagnostic{Severity::Error, std::move(code), std::move(message), pos, {}};
}

} // namespace

SourceText::SourceText(std::string_view rawBytes, std::vector<Diagnostic> &diagnostics)
{
    const auto startsWith = [&](std::string_view prefix) {
        return rawBytes.substr(0, prefix.size()) == prefix;
    };
    const bool littleEndian = startsWith("\xFF\xFE");
    if (littleEndian || startsWith("\xFE\xFF")) {
        m_ownedText.reserve(rawBytes.size());
        const auto unitAt = [&](size_t i) -> char16_t {
            const auto b0 = static_cast<unsigned char>(rawBytes[i]);
            const auto b1 = static_cast<unsigned char>(rawBytes[i + 1]);
            return static_cast<char16_t>(littleEndian ? (b1 << 8 | b0) : (b0 << 8 | b1));
        };
        bool reported = false;
        size_t i = 2;
        for (; i + 1 < rawBytes.size(); i += 2) {
            char32_t codePoint = unitAt(i);
            if (codePoint >= 0xD800 && codePoint <= 0xDBFF && i + 3 < rawBytes.size()
                && unitAt(i + 2) >= 0xDC00 && unitAt(i + 2) <= 0xDFFF) {
                codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (unitAt(i + 2) - 0xDC00);
                i += 2;
            } else if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                codePoint = 0xFFFD;
                reported = true;
            }
            appendUtf8(m_ownedText, codePoint);
        }
        if (i < rawBytes.size())
            reported = true;
        indexLines();
        if (reported) {
            diagnostics.push_back(characterError(
                "invalid-encoding",
                "the file starts with a UTF-16 byte-order mark but is not valid UTF-16",
                SourcePos{1, 1}));
        }
        if (m_ownedText.empty())
            m_view = std::string_view(); // an empty UTF-16 file is an empty file
        return;
    }
    m_view = startsWith("\xEF\xBB\xBF") ? rawBytes.substr(3) : rawBytes;
    indexLines();
}

void SourceText::indexLines()
{
    const std::string_view s = text();
    m_lineStarts.assign(1, 0);
    m_checkpointColumns.clear();
    m_checkpointColumns.reserve(s.size() / CheckpointSpacing + 1);
    std::uint32_t charactersIntoLine = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i % CheckpointSpacing == 0)
            m_checkpointColumns.push_back(charactersIntoLine);
        const char c = s[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) {
            m_lineStarts.push_back(i + 1); // a lone CR ends a line too (old Mac files)
            charactersIntoLine = 0;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++charactersIntoLine;
        }
    }
}

SourcePos SourceText::positionOf(std::uint64_t byteOffset) const
{
    const std::string_view s = text();
    byteOffset = std::min<std::uint64_t>(byteOffset, s.size());
    const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), byteOffset);
    const size_t lineIndex = static_cast<size_t>(next - m_lineStarts.begin()) - 1;
    std::uint64_t from = m_lineStarts[lineIndex];
    std::uint64_t column = 1;
    // Start counting at the nearest checkpoint so that a file written on one huge line
    // (minified JSON is valid YAML) costs a bounded amount per position, not the whole line.
    const std::uint64_t checkpoint = byteOffset / CheckpointSpacing;
    if (checkpoint < m_checkpointColumns.size() && checkpoint * CheckpointSpacing > from) {
        from = checkpoint * CheckpointSpacing;
        column += m_checkpointColumns[checkpoint];
    }
    for (std::uint64_t i = from; i < byteOffset; ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) // count characters, not bytes
            ++column;
    }
    return SourcePos{static_cast<int>(lineIndex + 1), static_cast<int>(column)};
}

bool SourceText::checkCharacters(std::vector<Diagnostic> &diagnostics, int maxReports) const
{
    const std::string_view s = text();
    int reports = 0;
    int suppressed = 0;
    // The message is only made for the problems listed: formatting one for each of 200 MB of
    // bad bytes took half a minute.
    const auto report = [&](std::string code, const auto &makeMessage, size_t offset) {
        if (reports++ < maxReports)
            diagnostics.push_back(characterError(std::move(code), makeMessage(), positionOf(offset)));
        else
            ++suppressed;
    };
    for (size_t i = 0; i < s.size();) {
        const auto byte = static_cast<unsigned char>(s[i]);
        if (byte >= 0x20 && byte < 0x7F) { // the common case first
            ++i;
            continue;
        }
        char32_t codePoint = 0;
        const size_t length = utf8SequenceLength(s, i, codePoint);
        if (length == 0) {
            report("invalid-utf8", [&] {
                char hex[8];
                std::snprintf(hex, sizeof hex, "0x%02X", byte);
                return std::string("invalid UTF-8 byte ") + hex
                       + " (the file must be UTF-8, or UTF-16 with a byte-order mark)";
            }, i);
            ++i;
            continue;
        }
        if (codePoint == 0) {
            report("nul-byte", [&] {
                return std::string(i < 2 ? "NUL byte in the text (is this UTF-16 without a byte-order mark?)"
                                         : "NUL byte in the text");
            }, i);
        } else if ((codePoint < 0x20 && codePoint != '\t' && codePoint != '\n' && codePoint != '\r')
                   || codePoint == 0x7F || (codePoint >= 0x80 && codePoint <= 0x9F && codePoint != 0x85)) {
            report("control-character", [&] {
                char hex[12];
                std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(codePoint));
                return std::string("control character ") + hex + " is not allowed";
            }, i);
        }
        i += length;
    }
    if (suppressed > 0) {
        diagnostics.push_back(characterError(
            "too-many-diagnostics",
            std::to_string(suppressed) + " more character problems not listed", endPosition()));
    }
    return reports == 0;
}

} // namespace rolescope
