#include "app/chartscene.h"
#include "app/chartview.h"
#include "app/document.h"
#include "app/overviewwidget.h"
#include "app/rolecarditem.h"
#include "tests/bench/orggenerator.h"

#include <QImage>
#include <QPainter>
#include <QTest>

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

using namespace rolescope;

namespace {

// Whether two colours differ by at most TOLERANCE in every channel.
bool near(QRgb a, QRgb b, int tolerance = 8)
{
    return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance
           && std::abs(qBlue(a) - qBlue(b)) <= tolerance;
}

// A generated organisation of 2,000 roles with every card shown, in a view of 800 x 600.
class ChartViewTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_document.setModel(bench::generateOrg({2000, 1}), QStringLiteral("org.yaml"));
        m_document.expandAll();
        m_view.resize(800, 600);
        m_view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_view));
    }

    QImage frame()
    {
        QImage image(m_view.viewport()->size(), QImage::Format_RGB32);
        m_view.viewport()->render(&image);
        return image;
    }

    // The shown roles whose cards' centres are in view, at least MARGIN pixels inside.
    std::vector<RoleIndex> rolesInView(int margin) const
    {
        std::vector<RoleIndex> roles;
        const QRect inside = m_view.viewport()->rect().adjusted(margin, margin, -margin, -margin);
        for (const RoleIndex role : m_scene.layout().shown) {
            if (inside.contains(m_view.mapFromScene(m_scene.cardRect(role).center())))
                roles.push_back(role);
        }
        return roles;
    }

    QRgb pixelAt(const QImage &image, RoleIndex role) const
    {
        return image.pixel(m_view.mapFromScene(m_scene.cardRect(role).center()));
    }

    Document m_document;
    ChartScene m_scene{&m_document};
    ChartView m_view{&m_scene};
};

} // namespace

TEST_F(ChartViewTest, ZoomedFarOutTheSketchLooksAsTheScenePaintsItself)
{
    m_view.setZoom(0.2);
    EXPECT_FALSE(m_view.showsSketch()) << "cards are drawn as cards";
    m_view.setZoom(0.05);
    ASSERT_TRUE(m_view.showsSketch());
    m_view.centerOn(m_scene.sceneRect().center().x(), m_scene.sceneRect().bottom() - 300);

    const QImage sketch = frame();
    // What Qt paints for the same part of the scene, item by item.
    const QRectF visible = m_view.mapToScene(m_view.viewport()->rect()).boundingRect();
    m_scene.makeItemsIn(visible);
    QImage scene(sketch.size(), QImage::Format_RGB32);
    scene.fill(m_scene.backgroundBrush().color());
    {
        QPainter painter(&scene);
        painter.setRenderHints(m_view.renderHints());
        m_scene.render(&painter, QRectF(scene.rect()), visible);
    }

    const std::vector<RoleIndex> roles = rolesInView(4);
    ASSERT_GT(roles.size(), 50u);
    const QRgb background = m_scene.backgroundBrush().color().rgb();
    for (const RoleIndex role : roles) {
        // A block in the colour of the card's department.
        const QRgb expected = m_scene.cardPainter().blockColor(role, CardState()).rgb();
        EXPECT_TRUE(near(pixelAt(sketch, role), expected)) << role;
        EXPECT_TRUE(near(pixelAt(scene, role), expected)) << role;
        EXPECT_FALSE(near(expected, background, 4)) << role;
    }
    int differing = 0;
    for (int y = 0; y < sketch.height(); ++y) {
        for (int x = 0; x < sketch.width(); ++x)
            differing += near(sketch.pixel(x, y), scene.pixel(x, y), 24) ? 0 : 1;
    }
    EXPECT_LT(differing, sketch.width() * sketch.height() / 100) << "pixels unlike the scene's";
}

TEST_F(ChartViewTest, SelectedCardsAndSearchHitsStandOutInTheWholeChart)
{
    m_view.zoomToFit();
    ASSERT_TRUE(m_view.showsSketch());
    const std::vector<RoleIndex> roles = rolesInView(4);
    ASSERT_GT(roles.size(), 1000u);
    const RoleIndex selected = roles[roles.size() / 3];
    m_document.selectRole(selected);
    const std::string title = m_document.model().role(roles[roles.size() / 2]).title;
    m_document.setSearchText(QString::fromStdString(title));
    ASSERT_FALSE(m_document.searchMatches().empty());

    const QImage image = frame();
    EXPECT_EQ(pixelAt(image, selected), m_scene.cardPainter().style().highlight.rgb());
    int hits = 0;
    for (const RoleIndex match : m_document.searchMatches()) {
        if (match == selected || !m_scene.isShown(match))
            continue;
        CardState state;
        state.searchMatch = true;
        EXPECT_EQ(pixelAt(image, match), m_scene.cardPainter().blockColor(match, state).rgb())
            << match;
        ++hits;
    }
    EXPECT_GT(hits, 0);
}

TEST_F(ChartViewTest, CardsOfALargeChartAnswerClicksAndCollapse)
{
    m_view.setZoom(1);
    const RoleIndex role = m_scene.layout().shown[m_scene.layout().shown.size() * 2 / 3];
    m_view.centerOn(m_scene.cardRect(role).center());
    frame(); // what the user sees before clicking
    const QPoint onCard = m_view.mapFromScene(m_scene.cardRect(role).center());
    const auto card = qgraphicsitem_cast<RoleCardItem *>(m_view.itemAt(onCard));
    ASSERT_NE(card, nullptr);
    EXPECT_EQ(card->role(), role);
    QTest::mouseClick(m_view.viewport(), Qt::LeftButton, {}, onCard);
    EXPECT_EQ(m_document.currentRole(), role);

    // Collapsing its manager lays the chart out again: the role is gone, the manager clickable.
    const RoleIndex manager = m_document.model().parentOf(role);
    ASSERT_NE(manager, NoRole);
    m_document.setCollapsed(manager, true);
    EXPECT_FALSE(m_scene.isShown(role));
    m_view.centerOn(m_scene.cardRect(manager).center());
    frame();
    const QPoint onManager = m_view.mapFromScene(m_scene.cardRect(manager).center());
    QTest::mouseClick(m_view.viewport(), Qt::LeftButton, {}, onManager);
    EXPECT_EQ(m_document.currentRole(), manager);
    EXPECT_EQ(qgraphicsitem_cast<RoleCardItem *>(m_view.itemAt(onManager)),
              m_scene.cardItem(manager));
}

TEST_F(ChartViewTest, TheOverviewShowsTheWholeChartInItsDepartmentsColours)
{
    OverviewWidget overview(&m_view);
    overview.resize(240, 160);
    overview.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&overview));
    QCoreApplication::processEvents(); // the chart is drawn once the layout settles

    const QImage image = overview.grab().toImage().convertToFormat(QImage::Format_RGB32);
    std::set<QRgb> departments;
    for (const RoleIndex role : m_scene.layout().shown)
        departments.insert(m_scene.cardPainter().blockColor(role, CardState()).rgb());
    ASSERT_GT(departments.size(), 5u);
    std::set<QRgb> seen;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            for (const QRgb department : departments) {
                if (near(image.pixel(x, y), department, 6))
                    seen.insert(department);
            }
        }
    }
    // The smallest departments may be lost among their neighbours at this scale.
    EXPECT_GE(seen.size(), departments.size() * 3 / 4);
}

TEST(ChartViewFit, FitShowsTheWholeOfAChartMillionsOfPixelsWide)
{
    // 20,000 roles with no manager stand side by side: a chart over 4 million px wide.
    Model model;
    for (int i = 0; i < 20000; ++i) {
        Role role;
        role.id = std::to_string(i);
        role.title = role.id;
        model.roles.push_back(std::move(role));
    }
    model.rebuildIndex();
    Document document;
    document.setModel(std::move(model), QStringLiteral("wide.yaml"));
    ChartScene scene(&document);
    ChartView view(&scene);
    view.resize(800, 600);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    ASSERT_GT(scene.sceneRect().width(), 4e6);

    view.zoomToFit();
    const QRect chart = view.mapFromScene(scene.sceneRect()).boundingRect();
    EXPECT_TRUE(view.viewport()->rect().adjusted(-1, -1, 1, 1).contains(chart))
        << chart.x() << "," << chart.y() << " " << chart.width() << "x" << chart.height();
}
