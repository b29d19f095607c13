#pragma once

#include "core/model.h"
#include "core/overlap.h"

#include <ostream>
#include <string>

namespace rolescope {

// The forms `rolescope overlaps --format text|csv|json` prints. Roles are named by id in CSV and
// JSON (stable for scripts) and by title in text (for people). Each is written to a stream as it
// is made (a large organisation's listing runs to gigabytes) or returned whole as a string.

// A readable listing: each overlap with its score, both duties, the matched terms and the
// reason; then the role pairs and any generic duty clusters.
void writeOverlapsText(std::ostream &out, const Model &model, const OverlapResult &result);
std::string overlapsToText(const Model &model, const OverlapResult &result);

// One row per duty overlap (RFC 4180 quoting):
// score,kind,reason,role_a,index_a,text_a,role_b,index_b,text_b,terms (terms joined by "; ").
void writeOverlapsCsv(std::ostream &out, const Model &model, const OverlapResult &result);
std::string overlapsToCsv(const Model &model, const OverlapResult &result);

// {"threshold": T, "overlaps": [{"score", "kind", "a": {"role", "index", "text"}, "b": {...},
//  "terms": [...]}], "role_pairs": [{"a", "b", "score", "shared"}]}, plus "generic_duties":
// [{"text", "tag", "roles", "duties": [{"role", "index"}]}] when there are any.
void writeOverlapsJson(std::ostream &out, const Model &model, const OverlapResult &result);
std::string overlapsToJson(const Model &model, const OverlapResult &result);

// "tag", "text"; "same tag", "same text", "shared terms", "synonym".
const char *overlapKindName(OverlapKind kind);
const char *matchReasonName(MatchReason reason);

// A score as printed everywhere: at most three decimals, no trailing zeros ("0.5", "0.825").
std::string formatScore(double score);

} // namespace rolescope
