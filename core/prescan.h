#pragma once

#include "core/diagnostic.h"
#include "core/loader.h"
#include "core/sourcetext.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace rolescope {

// Checks on the raw text, made before yaml-cpp sees it. yaml-cpp builds a whole scalar, and
// tokenises a whole flow collection, before it reports either, at some 100 ns and up to 30
// bytes of memory per byte: a 200 MB value or an 80 MB one-line list took 15 to 32 s and up
// to 2.4 GB to refuse. These scans cost a few milliseconds per 10 MB.

// Just past the line break of the line holding AT, or the end of TEXT.
std::size_t lineEnd(std::string_view text, std::size_t at);

// Where the quoted value that opens at OPENING (a " or a ') closes, as the YAML grammar reads
// it: \" does not close a double-quoted value, '' does not close a single-quoted one. npos
// when nothing closes it.
std::size_t closingQuote(std::string_view text, std::size_t opening);

struct OverlongLine
{
    Diagnostic diagnostic;
    std::size_t lineStart = 0; // byte offset
};

// A value on one line longer than limits.maxScalarBytes (scalar-too-long, where it starts),
// else a line longer than limits.maxLineBytes (line-too-long). Only values whose length the
// raw text shows for certain are measured: a plain value, or a quoted one without escapes.
std::optional<OverlongLine> findOverlongLine(const SourceText &source, const LoadLimits &limits);

// Where a quoted value may open that no quote closes: the end of that line, so that parsing
// the text up to there reports it at once instead of after reading the rest of the file as
// its value. Quotes are looked for only where a value can begin; what this finds may still be
// no quote at all (inside a block scalar or a comment), which the parse up to there tells.
std::optional<std::size_t> unclosedQuoteLineEnd(std::string_view text);

} // namespace rolescope
