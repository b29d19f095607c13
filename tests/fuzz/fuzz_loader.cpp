// libFuzzer target for the model loader: any bytes in, a model or diagnostics out, never a
// crash, a hang or a sanitizer report. Built and run by run-fuzzers.sh, not by CMake.
#include "core/loader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace rolescope;

namespace {

// A loaded model must be consistent (the index is only built for a model without errors)
// and a refused one must say why: both are promises the window relies on.
void checkResult(const LoadResult &result)
{
    if (result.model) {
        const Model &model = *result.model;
        for (RoleIndex i = 0; i < model.roleCount(); ++i) {
            if (model.find(model.role(i).id) != i)
                std::abort();
            const RoleIndex parent = model.parentOf(i);
            if (parent != NoRole && model.role(parent).id != model.role(i).reportsTo)
                std::abort();
            if (model.depthOf(i) < 0)
                std::abort();
        }
    } else if (result.diagnostics.empty()) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    checkResult(loadModelFromBytes(bytes));

    // Small limits, so that the fuzzer reaches every limit path with inputs of a few KB.
    LoadLimits small;
    small.maxFileBytes = 16 * 1024;
    small.maxNestingDepth = 8;
    small.maxNodes = 2000;
    small.maxScalarBytes = 256;
    small.maxLineBytes = 1024;
    small.maxRoles = 20;
    small.maxResponsibilitiesPerRole = 5;
    small.maxKeysPerMapping = 30;
    small.parseThreads = 1;
    checkResult(loadModelFromBytes(bytes, small));
    return 0;
}
