#include "app/overlapcolors.h"

#include <QPalette>

#include <algorithm>
#include <array>

namespace rolescope::OverlapColors {

namespace {

constexpr std::array<QRgb, 8> Accents = {
    0x0072b2, // blue
    0xe69f00, // orange
    0x009e73, // bluish green
    0xcc79a7, // reddish purple
    0x7f63b8, // violet
    0xb8a000, // olive
    0x56b4e9, // sky blue, after the blue and orange it resembles
    0xd55e00, // vermillion
};

const QColor TintHue(0xe8590c);

QColor mix(const QColor &a, const QColor &b, double amountOfB)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amountOfB,
                            a.greenF() + (b.greenF() - a.greenF()) * amountOfB,
                            a.blueF() + (b.blueF() - a.blueF()) * amountOfB);
}

} // namespace

int count()
{
    return static_cast<int>(Accents.size());
}

QColor accent(int group)
{
    return QColor(Accents[static_cast<size_t>(std::max(group, 0)) % Accents.size()]);
}

QColor fill(int group, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    // A dark base needs more of the hue to show, a light one less to keep black text crisp.
    const bool dark = base.lightnessF() < 0.5;
    return mix(base, accent(group), dark ? 0.38 : 0.24);
}

QColor tint(const QColor &background, double score)
{
    const double amount = std::clamp(score / TintFullScore, 0.0, 1.0);
    const bool dark = background.lightnessF() < 0.5;
    return mix(background, TintHue, amount * (dark ? 0.6 : 0.7));
}

} // namespace rolescope::OverlapColors
