#pragma once

#include "core/diagnostic.h"
#include "core/loader.h"
#include "core/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolescope {

// A loaded model and the warnings its file produced, in a compact binary form: decoding it is
// far cheaper than parsing the YAML again, which is what a cache of parsed files is for. The
// form is private to one build of Rolescope (host byte order, no promise between versions).
std::string encodeLoadedModel(const Model &model, const std::vector<Diagnostic> &diagnostics);

// The model (with its index built) and its diagnostics, or nothing when DATA is not an intact
// encoding made by encodeLoadedModel() of this version: truncated, altered or foreign bytes
// are refused, never half-read, so the caller can fall back to parsing the file.
std::optional<LoadResult> decodeLoadedModel(std::string_view data);

} // namespace rolescope
