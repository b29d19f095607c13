#include "app/cardpainter.h"

#include "testmodels.h"

#include <QImage>
#include <QPainter>
#include <QPalette>

#include <gtest/gtest.h>

using namespace rolescope;
using rolescope::testing::SmallOrgYaml;
using rolescope::testing::loadYaml;

namespace {

constexpr QRgb White = 0xffffffff;

QPalette lightPalette()
{
    QPalette palette(Qt::white);
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, Qt::black);
    palette.setColor(QPalette::Button, QColor(0xe0e0e0));
    palette.setColor(QPalette::Highlight, QColor(0x3070e0));
    return palette;
}

// Paints the card of ROLE at (10, 10) in a 240 × 130 image at SCALE.
QImage paintCard(const Model &model, RoleIndex role, const CardState &state, qreal scale = 1)
{
    const CardPainter painter(&model, DepartmentColors(model), CardStyle::fromPalette(lightPalette()),
                              Orientation::TopDown);
    QImage image(QSize(240, 130) * scale, QImage::Format_ARGB32);
    image.fill(White);
    QPainter p(&image);
    p.scale(scale, scale);
    painter.paint(p, QRectF(10, 10, 220, 96), role, state);
    return image;
}

int countColor(const QImage &image, const QRect &area, QRgb color)
{
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x)
            count += image.pixel(x, y) == color ? 1 : 0;
    }
    return count;
}

} // namespace

TEST(CardPainterTest, PaintsTheDepartmentBandTextAndHandle)
{
    const Model model = loadYaml(SmallOrgYaml);
    const RoleIndex cmo = model.find("cmo");
    CardState state;
    state.hasReports = true;
    const QImage image = paintCard(model, cmo, state);

    EXPECT_EQ(image.pixel(120, 12), QColor(0x2a7ab0).rgb()) << "the marketing colour band";
    // Dark text pixels in the title area.
    int dark = 0;
    for (int y = 18; y < 40; ++y) {
        for (int x = 20; x < 200; ++x)
            dark += qGray(image.pixel(x, y)) < 100 ? 1 : 0;
    }
    EXPECT_GT(dark, 50);
    // The handle sits on the bottom edge, in the middle.
    EXPECT_NE(image.pixel(120, 112), White);
    EXPECT_EQ(image.pixel(20, 112), White);
}

TEST(CardPainterTest, SelectionAndSearchHitsAreVisible)
{
    const Model model = loadYaml(SmallOrgYaml);
    const RoleIndex cfo = model.find("cfo");
    const QRect inside(100, 60, 20, 5);

    const QImage plain = paintCard(model, cfo, {});
    EXPECT_EQ(countColor(plain, inside, White), inside.width() * inside.height());

    CardState hit;
    hit.searchMatch = true;
    const QImage matched = paintCard(model, cfo, hit);
    EXPECT_EQ(countColor(matched, inside, CardStyle::fromPalette(lightPalette()).match.rgb()),
              inside.width() * inside.height());

    CardState selected;
    selected.selected = true;
    const QImage outlined = paintCard(model, cfo, selected);
    EXPECT_GT(countColor(outlined, QRect(60, 104, 100, 4), QColor(0x3070e0).rgb()), 100);
}

TEST(CardPainterTest, FarOutOnlyShapesArePainted)
{
    const Model model = loadYaml(SmallOrgYaml);
    const QImage image = paintCard(model, model.find("cmo"), {}, 0.1);
    // One flat block: no text, no outline.
    const QRgb block = image.pixel(12, 5);
    EXPECT_NE(block, White);
    EXPECT_EQ(countColor(image, QRect(2, 2, 20, 8), block), 20 * 8);
}

TEST(CardPainterTest, HandleTextCountsHiddenRoles)
{
    CardState state;
    state.hasReports = true;
    EXPECT_EQ(CardPainter::handleText(state), QStringLiteral("−"));
    state.collapsed = true;
    state.hiddenBelow = 21;
    EXPECT_EQ(CardPainter::handleText(state), QStringLiteral("+21"));
}
