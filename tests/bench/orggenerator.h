#pragma once

#include "core/model.h"

#include <cstddef>
#include <cstdint>

namespace rolescope::bench {

struct OrgOptions
{
    int roles = 1000;
    std::uint64_t seed = 1;
};

// Generates a realistic synthetic organisation: one tree of options.roles roles, 3 to 12
// reports per manager, 6 to 10 levels (fewer only when there are too few roles for 6),
// departments with colours led by executives, 5 to 10 duties of about 60 characters per role,
// a few percent dotted lines and vacancies. Colleagues share team and department duties, often
// reworded, so real overlaps exist but are not everywhere. The same options give the same
// model on every platform.
Model generateOrg(const OrgOptions &options);

// What a generated (or any) model looks like, to check it is what was asked for.
struct OrgStats
{
    int roles = 0;
    int levels = 0;       // the top role is level 1
    int managers = 0;
    int minReports = 0;   // over roles with reports
    int maxReports = 0;
    int departments = 0;
    int dottedLines = 0;
    int vacant = 0;
    long long duties = 0;
    int minDuties = 0;
    int maxDuties = 0;
    double meanDutyLength = 0;
    std::size_t distinctWords = 0; // in duties, lower-cased
    // Share of the duty words taken by the most frequent 1 % of distinct words.
    double topWordShare = 0;
};

OrgStats measureOrg(const Model &model);

} // namespace rolescope::bench
