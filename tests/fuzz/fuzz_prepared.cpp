// libFuzzer target for reading back a model's prepared duties (OverlapOptions::preparedDuties),
// which the window and the commands keep on disk beside the cache of parsed files: any bytes
// in their place must be refused or read without harm. The input patches a valid encoding of a
// small model (and may cut it short); the checksum is then made right again, so that the checks
// behind it are what the fuzzer meets. Built and run by run-fuzzers.sh, not by CMake.
#include "core/overlap.h"
#include "tests/fuzz/fuzzmodel.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

using namespace rolescope;

namespace {

Model smallModel()
{
    static const char *const duties[] = {
        "Prepare the annual budget", "Recruit and train staff", "Negotiate supplier contracts",
        "Market research and analysis", "Plan marketing campaigns across the London office",
        "Resolve customer complaints", "Monitor inventory levels and reorder stock",
        "Manage sales channels", "Prepare budgets and forecasts", "Hire staff",
        "Supervise staff", "市场调研与分析", "Review supplier contracts in line with policy"};
    Model model = fuzz::rolesReportingToTheFirst(8);
    model.overlapSettings.synonyms = {{"budget", "forecast"}, {"hire", "recruit"}};
    for (size_t r = 0; r < model.roles.size(); ++r) {
        for (size_t d = 0; d < 4; ++d) {
            model.roles[r].responsibilities.push_back(
                {duties[(r * 3 + d * 5) % std::size(duties)], {}, {}});
        }
    }
    model.rebuildIndex();
    return model;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const Model model = smallModel();
    static const std::string valid = [] {
        std::string bytes;
        OverlapOptions options;
        options.preparedDutiesOut = &bytes;
        findOverlaps(model, options);
        return bytes;
    }();

    // The first two bytes cut the encoding short (0: not at all); then each five bytes XOR one
    // byte at an offset.
    std::string bytes = valid;
    if (size >= 2) {
        const size_t cut = (size_t{data[0]} << 8 | data[1]) % (valid.size() + 1);
        if (cut > 0)
            bytes.resize(cut);
    }
    for (size_t i = 2; i + 5 <= size; i += 5) {
        std::uint32_t offset = 0;
        std::memcpy(&offset, data + i, sizeof offset);
        if (!bytes.empty())
            bytes[offset % bytes.size()] ^= static_cast<char>(data[i + 4]);
    }
    // The checksum is std::hash of all bytes before it, as core/overlap.cpp makes it.
    constexpr size_t ChecksumBytes = sizeof(std::uint64_t);
    if (bytes.size() > ChecksumBytes) {
        const std::uint64_t checksum = std::hash<std::string_view>{}(
            std::string_view(bytes).substr(0, bytes.size() - ChecksumBytes));
        std::memcpy(bytes.data() + bytes.size() - ChecksumBytes, &checksum, ChecksumBytes);
    }

    OverlapOptions options;
    options.minScore = 0.3;
    options.preparedDuties = bytes;
    for (const bool oneRole : {false, true}) {
        if (oneRole)
            options.roles = {3};
        const OverlapResult result = findOverlaps(model, options);
        for (const DutyOverlap &overlap : result.overlaps) {
            if (overlap.a.role == overlap.b.role
                || !(overlap.score >= 0 && overlap.score <= 1.000001))
                __builtin_trap();
        }
    }
    return 0;
}
