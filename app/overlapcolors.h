#pragma once

#include <QColor>

class QPalette;

namespace rolescope {

// Colours of overlap groups in the comparison view: the same group has the same colour in
// every column. Hues are the colour-blind-safe Okabe-Ito set (plus two), so neighbouring
// groups stay distinguishable; fills are mixed into the palette's base so text stays readable
// on light and dark palettes alike.
namespace OverlapColors {

int count();
// The strong colour of group GROUP (any non-negative number; the palette repeats).
QColor accent(int group);
// The background of a duty of that group, on PALETTE's base colour.
QColor fill(int group, const QPalette &palette);

// The chart tint of a card whose role overlaps the compared role with SCORE in [0, 1]: the
// card background mixed towards a warm hue, saturating at TintFullScore.
inline constexpr double TintFullScore = 0.5;
QColor tint(const QColor &background, double score);

} // namespace OverlapColors

} // namespace rolescope
