#pragma once

#include "core/diagnostic.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolescope {

// The text of a model file made ready for the YAML parser: byte-order mark removed, UTF-16
// turned into UTF-8, and an index of line starts so that byte offsets become the 1-based
// line and column (in characters, as editors count them) that diagnostics report.
class SourceText
{
public:
    // Decodes the raw bytes; problems (bad UTF-16) are appended to `diagnostics`.
    SourceText(std::string_view rawBytes, std::vector<Diagnostic> &diagnostics);

    std::string_view text() const { return m_ownedText.empty() ? m_view : m_ownedText; }
    SourcePos positionOf(std::uint64_t byteOffset) const;
    SourcePos endPosition() const { return positionOf(text().size()); }

    // Appends an error for every invalid UTF-8 sequence, NUL byte and control character other
    // than tab, CR and LF (at most `maxReports` of them). Returns true when the text is clean.
    bool checkCharacters(std::vector<Diagnostic> &diagnostics, int maxReports = 50) const;

private:
    void indexLines();

    std::string_view m_view;   // the caller's bytes, when no conversion was needed
    std::string m_ownedText;   // the converted text otherwise
    std::vector<std::uint64_t> m_lineStarts;
    static constexpr std::uint64_t CheckpointSpacing = 4096;
    std::vector<std::uint32_t> m_checkpointColumns; // characters into the line at each checkpoint
};

} // namespace rolescope
