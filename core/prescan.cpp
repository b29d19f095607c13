#include "core/prescan.h"

#include <cstring>
#include <string>

namespace rolescope {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

bool isFlowIndicator(char c)
{
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

struct LongValue
{
    std::size_t at = 0;    // in the line
    std::size_t bytes = 0; // of it on this line
};

// The first value on LINE (without its line break) that is longer than MAX bytes on this line
// alone. Everything it is unsure of counts as short: a plain value is cut at every flow
// indicator (in a block value they are ordinary characters), a double-quoted value with an
// escape is not measured, and blanks at a line's end are not counted (a line break folds them
// away).
std::optional<LongValue> longValueIn(std::string_view line, std::size_t max)
{
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        const bool indicator = (c == '-' || c == '?' || c == ':')
                               && (i + 1 == line.size() || isBlank(line[i + 1]));
        if (isBlank(c) || isFlowIndicator(c) || indicator) {
            ++i;
            continue;
        }
        if (c == '#')
            return std::nullopt; // a comment: '#' cannot begin a value
        if (c == '"' || c == '\'') {
            std::size_t bytes = 0;
            std::size_t contentBytes = 0; // up to the last non-blank
            bool measurable = true;
            std::size_t j = i + 1;
            for (; j < line.size(); ++j) {
                if (line[j] == c) {
                    if (c == '\'' && j + 1 < line.size() && line[j + 1] == '\'') {
                        ++j; // '' stands for one quote
                    } else {
                        contentBytes = bytes;
                        break;
                    }
                } else if (c == '"' && line[j] == '\\') {
                    measurable = false;
                }
                ++bytes;
                if (!isBlank(line[j]))
                    contentBytes = bytes;
            }
            if (measurable && contentBytes > max)
                return LongValue{i, contentBytes};
            i = j + 1;
            continue;
        }
        std::size_t end = i + 1; // one past the last non-blank
        std::size_t j = i + 1;
        for (; j < line.size(); ++j) {
            const char d = line[j];
            if ((d == ':' && (j + 1 == line.size() || isBlank(line[j + 1])))
                || (d == '#' && isBlank(line[j - 1])) || isFlowIndicator(d))
                break;
            if (!isBlank(d))
                end = j + 1;
        }
        if (end - i > max)
            return LongValue{i, end - i};
        if (j < line.size() && line[j] == '#')
            return std::nullopt;
        i = j;
    }
    return std::nullopt;
}

} // namespace

std::size_t lineEnd(std::string_view text, std::size_t at)
{
    const std::size_t newline = text.find('\n', at);
    return newline == std::string_view::npos ? text.size() : newline + 1;
}

std::size_t closingQuote(std::string_view text, std::size_t opening)
{
    const char quote = text[opening];
    for (std::size_t i = opening + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\') {
            ++i;
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
                ++i;
            else
                return i;
        }
    }
    return std::string_view::npos;
}

std::optional<OverlongLine> findOverlongLine(const SourceText &source, const LoadLimits &limits)
{
    const std::string_view text = source.text();
    const std::size_t worthLooking = std::min<std::size_t>(limits.maxScalarBytes, limits.maxLineBytes);
    for (std::size_t start = 0; start < text.size();) {
        const void *newline = std::memchr(text.data() + start, '\n', text.size() - start);
        const std::size_t end = newline ? static_cast<std::size_t>(static_cast<const char *>(newline)
                                                                   - text.data())
                                        : text.size();
        if (end - start > worthLooking) {
            const std::string_view line = text.substr(start, end - start);
            if (const std::optional<LongValue> value = longValueIn(line, limits.maxScalarBytes)) {
                return OverlongLine{{Severity::Error, "scalar-too-long",
                                     "this value is at least " + std::to_string(value->bytes)
                                         + " bytes long; the limit is "
                                         + std::to_string(limits.maxScalarBytes),
                                     source.positionOf(start + value->at), {}},
                                    start};
            }
            if (line.size() > limits.maxLineBytes) {
                return OverlongLine{{Severity::Error, "line-too-long",
                                     "this line is " + std::to_string(line.size())
                                         + " bytes long; the limit is "
                                         + std::to_string(limits.maxLineBytes)
                                         + " (write a long list one item per line)",
                                     source.positionOf(start), {}},
                                    start};
            }
        }
        start = end + 1;
    }
    return std::nullopt;
}

std::optional<std::size_t> unclosedQuoteLineEnd(std::string_view text)
{
    bool valueMayStart = true; // at a line's start, or after an indicator
    char previous = '\n';
    for (std::size_t i = 0; i < text.size(); previous = text[i++]) {
        const char c = text[i];
        switch (c) {
        case '\n':
        case '[':
        case '{':
        case ',':
            valueMayStart = true;
            break;
        case ' ':
        case '\t':
        case '\r':
            break;
        case '-':
        case '?':
        case ':':
            valueMayStart = i + 1 == text.size() || isBlank(text[i + 1]) || text[i + 1] == '\n';
            break;
        case '!':
        case '&':
            // A tag or an anchor comes before the value it belongs to.
            if (valueMayStart) {
                while (i + 1 < text.size() && !isBlank(text[i + 1]) && text[i + 1] != '\n')
                    ++i;
                continue;
            }
            break;
        case '#':
            if (isBlank(previous) || previous == '\n') {
                i = lineEnd(text, i) - 1; // onto the comment's line break, which is skipped
                valueMayStart = true;
                continue;
            }
            valueMayStart = false;
            break;
        case '"':
        case '\'':
            if (valueMayStart) {
                const std::size_t closing = closingQuote(text, i);
                if (closing == std::string_view::npos)
                    return lineEnd(text, i);
                i = closing;
            }
            valueMayStart = false;
            break;
        default:
            valueMayStart = false;
        }
    }
    return std::nullopt;
}

} // namespace rolescope
