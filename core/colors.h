#pragma once

#include <string_view>

namespace rolescope {

// Whether Qt's QColor would accept the text as a colour name: "#RGB", "#RRGGBB", "#AARRGGBB",
// "#RRRGGGBBB", "#RRRRGGGGBBBB", an SVG colour keyword, or "transparent". Kept here, free of
// Qt, so the loader can warn about a bad colour at its line without a GUI library.
bool isValidColorName(std::string_view name);

} // namespace rolescope
