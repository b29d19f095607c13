#pragma once

#include "core/loader.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace rolescope::testing {

// The first diagnostic with CODE, or nullptr.
inline const Diagnostic *findCode(const LoadResult &result, std::string_view code)
{
    for (const Diagnostic &d : result.diagnostics) {
        if (d.code == code)
            return &d;
    }
    return nullptr;
}

// The first LIMIT diagnostics as `rolescope check` prints them, for failure messages.
inline std::string describe(const LoadResult &result, std::size_t limit = std::string::npos)
{
    std::string text;
    for (std::size_t i = 0; i < result.diagnostics.size() && i < limit; ++i)
        text += formatDiagnostic("model.yaml", result.diagnostics[i]) + "\n";
    return text;
}

} // namespace rolescope::testing
