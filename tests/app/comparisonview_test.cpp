#include "app/builtinmodel.h"
#include "app/comparisonview.h"
#include "app/document.h"
#include "app/dutycomparison.h"
#include "app/overlapanalysis.h"
#include "app/overlapcolors.h"

#include <QApplication>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

#include <algorithm>

using namespace rolescope;

namespace {

const QString MarketResearchSales = QStringLiteral("Market research and analysis");
const QString MarketResearchProduct =
    QStringLiteral("Analyse the market by conducting market research on related products");
const QString ChannelsSales = QStringLiteral("Manage the sales channels");
const QString ChannelsProduct = QStringLiteral("Plan the product's distribution channels");

QStringList textsOf(const QList<DutyLabel *> &labels)
{
    QStringList texts;
    for (const DutyLabel *label : labels)
        texts.append(label->text());
    return texts;
}

DutyLabel *labelWithText(const ComparisonView &view, int column, const QString &text)
{
    for (DutyLabel *label : view.dutyLabels(column)) {
        if (label->text() == text)
            return label;
    }
    ADD_FAILURE() << "no duty \"" << text.toStdString() << "\" in column " << column;
    return nullptr;
}

QStringList dutiesOf(const Model &model, const char *id)
{
    QStringList duties;
    for (const Responsibility &duty : model.role(model.find(id)).responsibilities)
        duties.append(QString::fromStdString(duty.text));
    return duties;
}

// The column buttons with this tool tip, left to right.
QList<QToolButton *> buttons(const ComparisonView &view, const QString &toolTip)
{
    QList<QToolButton *> found;
    for (QToolButton *button : view.contentWidget()->findChildren<QToolButton *>()) {
        if (button->toolTip() == toolTip)
            found.append(button);
    }
    std::sort(found.begin(), found.end(), [&view](QToolButton *a, QToolButton *b) {
        return a->mapTo(view.contentWidget(), QPoint()).x()
               < b->mapTo(view.contentWidget(), QPoint()).x();
    });
    return found;
}

class ComparisonViewTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_document.load(QString()));
        m_view.resize(1000, 900);
        m_view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_view));
    }

    RoleIndex find(const char *id) const { return m_document.model().find(id); }

    // The colour the view shows at the left edge of a duty.
    QColor edgeColor(QWidget *label) const
    {
        QWidget *content = m_view.contentWidget();
        const QImage image = content->grab().toImage();
        const QPoint at = label->mapTo(content, QPoint(1, label->height() / 2));
        return image.pixelColor(at * image.devicePixelRatio());
    }

    QStringList titles() const
    {
        QStringList titles;
        for (int column = 0; column < static_cast<int>(m_view.roles().size()); ++column)
            titles.append(m_view.columnTitle(column));
        return titles;
    }

    Document m_document;
    OverlapAnalysis m_analysis{&m_document};
    ComparisonView m_view{&m_analysis};
};

TEST_F(ComparisonViewTest, showsEachRolesDutiesInItsOwnColumn)
{
    m_view.setRoles({find("sales-manager"), find("product-manager")});

    EXPECT_EQ(titles(), (QStringList{"Sales Manager", "Product Manager"}));
    const Model &model = m_document.model();
    QStringList left = textsOf(m_view.dutyLabels(0));
    QStringList right = textsOf(m_view.dutyLabels(1));
    EXPECT_EQ(left.size(), 7);
    EXPECT_EQ(right.size(), 12);
    left.sort();
    right.sort();
    QStringList expectedLeft = dutiesOf(model, "sales-manager");
    QStringList expectedRight = dutiesOf(model, "product-manager");
    expectedLeft.sort();
    expectedRight.sort();
    EXPECT_EQ(left, expectedLeft);
    EXPECT_EQ(right, expectedRight);
}

TEST_F(ComparisonViewTest, sharedDutiesHaveTheSameColourInEveryColumnAndComeFirst)
{
    m_view.setRoles({find("sales-manager"), find("product-manager")});

    DutyLabel *researchLeft = labelWithText(m_view, 0, MarketResearchSales);
    DutyLabel *researchRight = labelWithText(m_view, 1, MarketResearchProduct);
    DutyLabel *channelsLeft = labelWithText(m_view, 0, ChannelsSales);
    DutyLabel *channelsRight = labelWithText(m_view, 1, ChannelsProduct);
    ASSERT_TRUE(researchLeft && researchRight && channelsLeft && channelsRight);

    EXPECT_TRUE(researchLeft->highlight().isValid());
    EXPECT_EQ(researchLeft->highlight(), researchRight->highlight());
    EXPECT_TRUE(channelsLeft->highlight().isValid());
    EXPECT_EQ(channelsLeft->highlight(), channelsRight->highlight());
    EXPECT_NE(researchLeft->highlight(), channelsLeft->highlight());

    // Matched duties are aligned in rows across the columns, above the unique ones.
    const auto top = [this](QWidget *label) {
        return label->mapTo(m_view.contentWidget(), QPoint()).y();
    };
    EXPECT_EQ(top(researchLeft), top(researchRight));
    EXPECT_EQ(top(channelsLeft), top(channelsRight));
    EXPECT_EQ(m_view.dutyLabels(0).first(), researchLeft);
    EXPECT_GT(top(labelWithText(m_view, 0, QStringLiteral("Form the sales team"))),
              top(channelsLeft));

    // The colour is on screen: the label's edge is painted in its group's accent.
    EXPECT_EQ(edgeColor(researchRight).rgb(), researchRight->highlight().rgb());
    EXPECT_EQ(edgeColor(researchLeft).rgb(), researchRight->highlight().rgb());
}

TEST_F(ComparisonViewTest, uniqueDutiesStayPlain)
{
    m_view.setRoles({find("sales-manager"), find("product-manager")});

    for (const QString &text : {QStringLiteral("Form the sales team"),
                                QStringLiteral("Forecast the year's sales")}) {
        DutyLabel *label = labelWithText(m_view, 0, text);
        ASSERT_TRUE(label);
        EXPECT_FALSE(label->highlight().isValid()) << text.toStdString();
        EXPECT_EQ(label->group(), -1);
        EXPECT_TRUE(label->toolTip().isEmpty());
    }
    DutyLabel *pricing = labelWithText(m_view, 1, QStringLiteral("Decide product pricing"));
    ASSERT_TRUE(pricing);
    EXPECT_FALSE(pricing->highlight().isValid());
    EXPECT_EQ(edgeColor(pricing).rgb(), m_view.palette().color(QPalette::Base).rgb());
}

TEST_F(ComparisonViewTest, hoveringASharedDutyExplainsTheMatch)
{
    m_view.setRoles({find("sales-manager"), find("product-manager")});
    DutyLabel *research = labelWithText(m_view, 0, MarketResearchSales);
    ASSERT_TRUE(research);
    const QString toolTip = research->toolTip();
    EXPECT_TRUE(toolTip.contains(QStringLiteral("Product Manager")));
    EXPECT_TRUE(toolTip.contains(MarketResearchProduct.toHtmlEscaped()));
    EXPECT_TRUE(toolTip.contains(QStringLiteral("score 1.00 · same tag")));
    EXPECT_TRUE(toolTip.contains(QStringLiteral("market-research")));
}

TEST_F(ComparisonViewTest, summarisesEachPair)
{
    m_view.setRoles({find("sales-manager"), find("product-manager")});
    // Market research (one sales duty, two product duties) and the channels are the shared work.
    EXPECT_EQ(m_view.summaryLines(),
              QStringList{"2 shared · 5 only Sales Manager · 9 only Product Manager"});

    m_view.setRoles({find("sales-manager"), find("product-manager"),
                     find("customer-service-manager")});
    const QStringList lines = m_view.summaryLines();
    ASSERT_EQ(lines.size(), 3);
    EXPECT_EQ(lines[0], "2 shared · 5 only Sales Manager · 9 only Product Manager");
    EXPECT_EQ(lines[1], "0 shared · 7 only Sales Manager · 4 only Customer Service Manager");
}

TEST_F(ComparisonViewTest, columnsMoveAndCloseWithTheirButtons)
{
    m_view.setRoles({find("sales-manager"), find("product-manager"),
                     find("customer-service-manager")});
    const QColor research = labelWithText(m_view, 0, MarketResearchSales)->highlight();

    QList<QToolButton *> right = buttons(m_view, QStringLiteral("Move Right"));
    ASSERT_EQ(right.size(), 3);
    EXPECT_FALSE(right[2]->isEnabled());
    QTest::mouseClick(right[0], Qt::LeftButton);
    EXPECT_EQ(titles(),
              (QStringList{"Product Manager", "Sales Manager", "Customer Service Manager"}));
    // Moving columns keeps each group's colour.
    EXPECT_EQ(labelWithText(m_view, 1, MarketResearchSales)->highlight(), research);

    QList<QToolButton *> left = buttons(m_view, QStringLiteral("Move Left"));
    ASSERT_EQ(left.size(), 3);
    EXPECT_FALSE(left[0]->isEnabled());
    QTest::mouseClick(left[2], Qt::LeftButton);
    EXPECT_EQ(titles(),
              (QStringList{"Product Manager", "Customer Service Manager", "Sales Manager"}));

    QList<QToolButton *> close = buttons(m_view, QStringLiteral("Close Column"));
    ASSERT_EQ(close.size(), 3);
    QTest::mouseClick(close[1], Qt::LeftButton);
    EXPECT_EQ(titles(), (QStringList{"Product Manager", "Sales Manager"}));
    EXPECT_EQ(m_view.summaryLines(),
              QStringList{"2 shared · 9 only Product Manager · 5 only Sales Manager"});
    EXPECT_EQ(labelWithText(m_view, 0, MarketResearchProduct)->highlight(), research);
}

TEST_F(ComparisonViewTest, rendersItsContentForExport)
{
    m_view.setRoles({find("sales-manager"), find("product-manager")});
    DutyLabel *research = labelWithText(m_view, 1, MarketResearchProduct);
    ASSERT_TRUE(research);
    const QImage image = m_view.renderImage(2.0);
    EXPECT_EQ(image.size(), m_view.contentWidget()->size() * 2);
    const QPoint edge = research->mapTo(m_view.contentWidget(), QPoint(1, research->height() / 2));
    EXPECT_EQ(image.pixelColor(edge * 2).rgb(), research->highlight().rgb());
}

TEST_F(ComparisonViewTest, droppingAColumnHeaderOnAnotherColumnMovesIt)
{
    m_view.setRoles({find("sales-manager"), find("product-manager"),
                     find("customer-service-manager")});
    QWidget *content = m_view.contentWidget();
    // Where the third column's title is: the drop point of a header dragged there.
    const QPoint target = labelWithText(m_view, 2, QStringLiteral("Lead the customer service team"))
                              ->mapTo(content, QPoint(5, 5));
    QMimeData mime;
    mime.setData(QLatin1String(ComparisonView::ColumnMimeType), QByteArray::number(0));
    QDragEnterEvent enter(target, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(content, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(target), Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(content, &drop);

    EXPECT_TRUE(drop.isAccepted());
    EXPECT_EQ(titles(),
              (QStringList{"Product Manager", "Customer Service Manager", "Sales Manager"}));
}

TEST_F(ComparisonViewTest, atMostFourColumns)
{
    std::vector<RoleIndex> all;
    for (RoleIndex role = 0; role < m_document.model().roleCount(); ++role)
        all.push_back(role);
    m_view.setRoles(all);
    EXPECT_EQ(m_view.roles().size(), size_t(ComparisonView::MaxColumns));
}

TEST_F(ComparisonViewTest, reloadKeepsTheRolesThatStillExist)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("org.yaml"));
    QByteArray yaml = builtInModelBytes();
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(yaml);
    }
    ASSERT_TRUE(m_document.load(path));
    m_view.setRoles({find("customer-service-manager"), find("sales-manager"),
                     find("product-manager")});

    // The customer service manager goes; a new role before the others shifts their indexes.
    yaml.truncate(yaml.indexOf("  - id: customer-service-manager"));
    yaml.replace("  - id: marketing-manager", "  - id: analyst\n    title: Analyst\n"
                                              "    reports_to: general-manager\n"
                                              "  - id: marketing-manager");
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(yaml);
    }
    ASSERT_TRUE(m_document.reload());

    EXPECT_EQ(titles(), (QStringList{"Sales Manager", "Product Manager"}));
    EXPECT_EQ(m_view.roles(),
              (std::vector<RoleIndex>{find("sales-manager"), find("product-manager")}));
    DutyLabel *research = labelWithText(m_view, 0, MarketResearchSales);
    ASSERT_TRUE(research);
    EXPECT_EQ(research->highlight(), labelWithText(m_view, 1, MarketResearchProduct)->highlight());
}

TEST(DutyComparisonTest, groupsAndColoursDoNotDependOnColumnOrder)
{
    LoadResult loaded = loadBuiltInModel();
    ASSERT_TRUE(loaded.ok());
    const Model &model = *loaded.model;
    const OverlapResult overlaps = findOverlaps(model);
    const RoleIndex sales = model.find("sales-manager");
    const RoleIndex product = model.find("product-manager");

    const DutyComparison forward(model, overlaps, {sales, product});
    const DutyComparison backward(model, overlaps, {product, sales});
    ASSERT_EQ(forward.groups().size(), backward.groups().size());
    // Market research (sales duty 0, product duties 0 and 1) and the channels (4 and 9).
    const int research = forward.groupOf(0, 0);
    ASSERT_GE(research, 0);
    EXPECT_EQ(forward.groups()[size_t(research)].duties,
              (std::vector<std::vector<int>>{{0}, {0, 1}}));
    EXPECT_EQ(forward.groupOf(1, 9), forward.groupOf(0, 4));
    EXPECT_EQ(forward.groups()[size_t(forward.groupOf(0, 0))].color,
              backward.groups()[size_t(backward.groupOf(1, 0))].color);
    EXPECT_EQ(forward.groups()[size_t(forward.groupOf(0, 4))].color,
              backward.groups()[size_t(backward.groupOf(1, 4))].color);
    EXPECT_EQ(forward.uniqueDuties(0), (std::vector<int>{1, 2, 3, 5, 6}));

    const PairSummary summary = forward.summary(0, 1);
    EXPECT_EQ(summary.shared, 2);
    EXPECT_EQ(summary.onlyLeft, 5);
    EXPECT_EQ(summary.onlyRight, 9);
}

// A duty joins the row of its best match only, so that duties each sharing something with
// the next do not chain into one row of one colour; the weaker matches are still listed.
TEST(DutyComparisonTest, eachDutyJoinsTheRowOfItsBestMatchOnly)
{
    Model model;
    for (const char *id : {"a", "b"}) {
        Role role;
        role.id = id;
        role.title = id;
        for (int duty = 0; duty < 3; ++duty)
            role.responsibilities.push_back({std::string(id) + std::to_string(duty), {}, {}});
        model.roles.push_back(std::move(role));
    }
    model.rebuildIndex();
    OverlapResult overlaps;
    auto match = [&](int a, int b, double score) {
        DutyOverlap o;
        o.a = {0, a};
        o.b = {1, b};
        o.score = score;
        overlaps.overlaps.push_back(o);
    };
    match(0, 0, 0.9);
    match(1, 1, 0.8);
    match(2, 1, 0.6);
    match(1, 0, 0.55); // a1's weaker match: joining it would make one row of everything

    for (const bool reversed : {false, true}) {
        const DutyComparison comparison(model, overlaps,
                                        reversed ? std::vector<RoleIndex>{1, 0}
                                                 : std::vector<RoleIndex>{0, 1});
        const int a = reversed ? 1 : 0;
        const int b = reversed ? 0 : 1;
        ASSERT_EQ(comparison.groups().size(), 2u) << "reversed " << reversed;
        EXPECT_EQ(comparison.groupOf(a, 0), comparison.groupOf(b, 0));
        EXPECT_EQ(comparison.groupOf(a, 1), comparison.groupOf(b, 1));
        EXPECT_EQ(comparison.groupOf(a, 2), comparison.groupOf(b, 1));
        EXPECT_NE(comparison.groupOf(a, 0), comparison.groupOf(a, 1));
        EXPECT_TRUE(comparison.uniqueDuties(b) == std::vector<int>{2});
        const std::vector<DutyMatch> matches = comparison.matchesOf(a, 1);
        ASSERT_EQ(matches.size(), 2u);
        EXPECT_EQ(matches[1].duty, 0);
        EXPECT_DOUBLE_EQ(matches[1].score, 0.55);
        const PairSummary summary = comparison.summary(0, 1);
        EXPECT_EQ(summary.shared, 2);
        EXPECT_EQ(summary.onlyLeft + summary.onlyRight, 1);
    }
}

} // namespace
