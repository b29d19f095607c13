#pragma once

#include "core/diagnostic.h"
#include "core/model.h"

#include <vector>

namespace rolescope {

// The checks that need the whole model: duplicate ids, references to unknown roles or
// departments, roles reporting to themselves, and reporting cycles. Each problem is appended
// to `diagnostics` at the position the model recorded. Linear in the size of the model.
void validateModel(const Model &model, std::vector<Diagnostic> &diagnostics);

} // namespace rolescope
