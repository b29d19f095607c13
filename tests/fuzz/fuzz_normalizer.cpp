// libFuzzer target for the overlap engine: the text normaliser on arbitrary bytes (valid UTF-8
// or not), then findOverlaps on a tiny model whose duties, tags and synonym groups are cut
// from the same input. Built and run by run-fuzzers.sh, not by CMake.
#include "core/overlap.h"
#include "core/textnormalizer.h"
#include "tests/fuzz/fuzzmodel.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace rolescope;

namespace {

// Splits the input at '\n' into at most `maxParts` pieces.
std::vector<std::string> splitLines(std::string_view text, size_t maxParts)
{
    std::vector<std::string> parts;
    while (!text.empty() && parts.size() < maxParts) {
        const size_t end = text.find('\n');
        parts.emplace_back(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return parts;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const std::vector<std::string> lines = splitLines(text, 24);

    // The first line gives synonym groups: '|' separates groups, ',' the phrases of one group.
    std::vector<std::vector<std::string>> synonyms(1);
    if (!lines.empty()) {
        std::string phrase;
        for (const char c : lines[0] + '|') {
            if (c != ',' && c != '|') {
                phrase += c;
                continue;
            }
            if (!phrase.empty())
                synonyms.back().push_back(std::move(phrase));
            phrase.clear();
            if (c == '|' && !synonyms.back().empty())
                synonyms.emplace_back();
        }
    }
    synonyms.pop_back(); // the group begun after the last '|' is always empty

    TextNormalizer normalizer(synonyms);
    normalizer.terms(text);
    for (const std::string &line : lines) {
        for (const TextTerm &term : normalizer.terms(line)) {
            if (term.key.empty())
                __builtin_trap();
        }
    }
    if (size <= 64)
        normalizer.stem(text);

    // Three roles share the remaining lines as duties; a line starting with '#' is a tag.
    Model model = fuzz::rolesReportingToTheFirst(3);
    model.overlapSettings.synonyms = synonyms;
    if (size > 0)
        model.overlapSettings.threshold = data[0] / 255.0;
    for (size_t i = 1; i < lines.size(); ++i) {
        Responsibility duty;
        if (!lines[i].empty() && lines[i][0] == '#')
            duty.tags.push_back(lines[i].substr(1));
        duty.text = lines[i].empty() ? std::string("x") : lines[i];
        model.roles[i % 3].responsibilities.push_back(std::move(duty));
    }
    model.rebuildIndex();
    OverlapOptions options;
    options.maxRolesPerDuty = 2; // small, so generic clusters form too
    options.maxMatchesPerDuty = 3;
    const OverlapResult result = findOverlaps(model, options);
    for (const DutyOverlap &overlap : result.overlaps) {
        if (overlap.a.role == overlap.b.role || !(overlap.score >= 0 && overlap.score <= 1.000001))
            __builtin_trap();
    }
    return 0;
}
