#include "app/builtinmodel.h"
#include "app/chartscene.h"
#include "app/chartview.h"
#include "app/comparisonview.h"
#include "app/document.h"
#include "app/mainwindow.h"
#include "app/outlineview.h"
#include "app/overlapanalysis.h"
#include "app/overlapcontroller.h"
#include "app/overlapdock.h"
#include "app/overlaplegend.h"
#include "app/rolepairmodel.h"
#include "app/roletreemodel.h"
#include "testmodels.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QLineEdit>
#include <QMenu>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace rolescope;

namespace {

QStringList titlesOf(const ComparisonView *view)
{
    QStringList titles;
    for (int column = 0; column < static_cast<int>(view->roles().size()); ++column)
        titles.append(view->columnTitle(column));
    return titles;
}

TEST(RolePairModelTest, listsEveryRolePairHighestScoreFirst)
{
    Document document;
    OverlapAnalysis analysis(&document);
    OverlapDock dock(&analysis);
    QAbstractItemModelTester tester(dock.pairModel());
    ASSERT_TRUE(document.load(QString()));
    dock.show();

    const RolePairModel *pairs = dock.pairModel();
    const auto &result = analysis.result().rolePairs;
    ASSERT_GE(result.size(), 3u);
    ASSERT_EQ(pairs->rowCount(), static_cast<int>(result.size()));
    for (int row = 1; row < pairs->rowCount(); ++row)
        EXPECT_GE(pairs->pairAt(row - 1).score, pairs->pairAt(row).score);
    const Model &model = document.model();
    const QModelIndex top = pairs->index(0, RolePairModel::FirstRoleColumn);
    EXPECT_EQ(top.data().toString().toStdString(), model.role(result.front().a).title);
    EXPECT_EQ(pairs->index(0, RolePairModel::SecondRoleColumn).data().toString().toStdString(),
              model.role(result.front().b).title);
    EXPECT_EQ(pairs->index(0, RolePairModel::ScoreColumn).data().toString(),
              QStringLiteral("%1 %").arg(qRound(result.front().score * 100)));

    // The sales and product managers share the market research and the channels.
    dock.filterEdit()->setText(QStringLiteral("product manager"));
    bool found = false;
    for (int row = 0; row < pairs->rowCount(); ++row) {
        const QString a = pairs->index(row, RolePairModel::FirstRoleColumn).data().toString();
        const QString b = pairs->index(row, RolePairModel::SecondRoleColumn).data().toString();
        EXPECT_TRUE(a == "Product Manager" || b == "Product Manager");
        if (a == "Sales Manager" && b == "Product Manager") {
            found = true;
            EXPECT_EQ(pairs->index(row, RolePairModel::SharedColumn).data().toInt(), 3);
        }
    }
    EXPECT_TRUE(found);

    // A reload gives the new pairs, still filtered.
    ASSERT_TRUE(document.load(QString()));
    EXPECT_GT(pairs->rowCount(), 0);
    EXPECT_LT(pairs->rowCount(), static_cast<int>(analysis.result().rolePairs.size()));
}

// Clicking a column's header sorts by it, either way, equal values keeping the highest score
// first; the selected pair stays selected.
TEST(RolePairModelTest, theHeaderSortsByEveryColumnAndTheSelectionFollows)
{
    Document document;
    OverlapAnalysis analysis(&document);
    OverlapDock dock(&analysis);
    QAbstractItemModelTester tester(dock.pairModel());
    ASSERT_TRUE(document.load(QStringLiteral(ROLESCOPE_RESOURCES_DIR
                                             "/examples/northwind-manufacturing.yaml")));
    dock.show();
    const RolePairModel *pairs = dock.pairModel();
    const Model &model = document.model();
    QTableView *table = dock.tableView();
    ASSERT_GE(pairs->rowCount(), 30);

    const int selectedRow = pairs->rowCount() - 1;
    const RolePairOverlap selected = pairs->pairAt(selectedRow);
    table->selectRow(selectedRow);

    auto title = [&](const RolePairOverlap &pair, int column) {
        const std::string &t = model.role(column == RolePairModel::FirstRoleColumn ? pair.a : pair.b).title;
        return QString::fromStdString(t);
    };
    // Whether row R may follow row R - 1 in COLUMN's ORDER.
    auto inOrder = [&](int column, Qt::SortOrder order, int row) {
        const RolePairOverlap &p = pairs->pairAt(row - 1);
        const RolePairOverlap &q = pairs->pairAt(row);
        int compared = 0;
        if (column == RolePairModel::ScoreColumn)
            compared = p.score < q.score ? -1 : p.score > q.score ? 1 : 0;
        else if (column == RolePairModel::SharedColumn)
            compared = p.shared - q.shared;
        else
            compared = title(p, column).compare(title(q, column), Qt::CaseInsensitive);
        if (order == Qt::DescendingOrder)
            compared = -compared;
        if (compared != 0)
            return compared < 0;
        return column == RolePairModel::ScoreColumn || p.score >= q.score;
    };
    for (int column : {RolePairModel::FirstRoleColumn, RolePairModel::SecondRoleColumn,
                       RolePairModel::ScoreColumn, RolePairModel::SharedColumn}) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            table->sortByColumn(column, order);
            for (int row = 1; row < pairs->rowCount(); ++row)
                ASSERT_TRUE(inOrder(column, order, row)) << "column " << column << " row " << row;
            const QModelIndexList rows = table->selectionModel()->selectedRows();
            ASSERT_EQ(rows.size(), 1);
            EXPECT_EQ(pairs->pairAt(rows.front().row()).a, selected.a);
            EXPECT_EQ(pairs->pairAt(rows.front().row()).b, selected.b);
        }
    }
}

// A model large enough to be analysed in the background: pairs of teams with the same duty.
QPushButton *button(const QWidget &parent, const char *text)
{
    for (QPushButton *candidate : parent.findChildren<QPushButton *>()) {
        if (candidate->text() == QLatin1String(text))
            return candidate;
    }
    return nullptr;
}

// Role I of a large model: "rI", reporting to a role before it, eight reports each.
Role numberedRole(int i)
{
    Role role;
    // Appended rather than "r" + ...: GCC 12 warns wrongly (-Wrestrict) about the latter.
    role.id = std::string("r").append(std::to_string(i));
    role.title = std::string("Role ").append(std::to_string(i));
    if (i > 0)
        role.reportsTo = std::string("r").append(std::to_string((i - 1) / 8));
    return role;
}

Model largeModel(const std::string &duty, int roles = OverlapAnalysis::BackgroundRoleCount)
{
    Model model;
    model.organization.name = "Large";
    for (int i = 0; i < roles; ++i) {
        Role role = numberedRole(i);
        role.responsibilities.push_back({duty + " for region " + std::to_string(i / 2), {}, {}});
        role.responsibilities.push_back({"Unique task number " + std::to_string(i), {}, {}});
        model.roles.push_back(std::move(role));
    }
    model.rebuildIndex();
    return model;
}

// ROLES roles in teams of three that share their work: "Reconcile the <team> accounts" word
// for word, and "Audit the <team> ledgers" (a different wording); each role also has a task
// of its own.
Model teamsModel(int roles)
{
    Model model;
    model.organization.name = "Teams";
    for (int i = 0; i < roles; ++i) {
        Role role = numberedRole(i);
        // A made-up word per team, so that teams share no words.
        std::string team;
        for (int t = i / 3; team.size() < 4; t /= 26)
            team += static_cast<char>('a' + t % 26);
        role.responsibilities.push_back({"Reconcile the " + team + " accounts", {}, {}});
        if (i % 3 == 0)
            role.responsibilities.push_back({"Audit the " + team + " ledgers", {}, {}});
        role.responsibilities.push_back({"Unique task number " + std::to_string(i), {}, {}});
        model.roles.push_back(std::move(role));
    }
    model.rebuildIndex();
    return model;
}

// What a comparison or the tint needs of a very large model is found for its roles alone,
// in seconds, not by the whole analysis (half a minute and gigabytes at 100,000 roles).
TEST(OverlapAnalysisTest, aVeryLargeModelFindsOnlyTheOverlapsOfTheRolesAskedFor)
{
    Document document;
    OverlapAnalysis analysis(&document);
    const Model model = teamsModel(OverlapAnalysis::OnDemandRoleCount);
    document.setModel(model);
    int ready = 0;
    QObject::connect(&analysis, &OverlapAnalysis::resultReady, [&ready] { ++ready; });
    const RoleIndex role = 3001;
    EXPECT_TRUE(analysis.resultFor({role}).rolePairs.empty()); // asking starts it
    EXPECT_TRUE(analysis.isPendingFor({role}));
    EXPECT_FALSE(analysis.isPending());
    EXPECT_TRUE(analysis.waitsToBeAsked());
    // Meanwhile the legend can say how far it has got: building the index is most of it.
    int mostProgress = 0;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            if (analysis.isPendingFor({role})) {
                const int progress = analysis.progressFor({role});
                EXPECT_GE(progress, mostProgress);
                mostProgress = std::max(mostProgress, progress);
            }
            return ready > 0;
        },
        120000));
    EXPECT_GT(mostProgress, 0);
    EXPECT_LE(mostProgress, 1000);
    EXPECT_EQ(analysis.progressFor({role}), 0); // found
    EXPECT_FALSE(analysis.isPendingFor({role}));
    EXPECT_TRUE(analysis.waitsToBeAsked()); // the whole analysis still waits

    OverlapOptions options;
    options.roles = {role};
    const OverlapResult expected = findOverlaps(model, options);
    const OverlapResult &result = analysis.resultFor({role});
    ASSERT_EQ(result.rolePairs.size(), 2u); // its two team mates
    ASSERT_EQ(result.rolePairs.size(), expected.rolePairs.size());
    for (size_t i = 0; i < result.rolePairs.size(); ++i) {
        EXPECT_EQ(result.rolePairs[i].a, expected.rolePairs[i].a);
        EXPECT_EQ(result.rolePairs[i].b, expected.rolePairs[i].b);
        EXPECT_EQ(result.rolePairs[i].score, expected.rolePairs[i].score);
    }
    const std::vector<double> scores = analysis.scoresAgainst(role);
    EXPECT_GT(scores[3000], 0);
    EXPECT_GT(scores[3002], 0);
    EXPECT_EQ(scores[3003], 0);
    EXPECT_EQ(ready, 1);
    // Comparing it with another role needs nothing more: their overlaps are among its own.
    EXPECT_FALSE(analysis.isPendingAmong({3000, role}));
    const OverlapResult among = analysis.resultAmong({3000, role});
    ASSERT_EQ(among.rolePairs.size(), 1u); // the two of them only
    EXPECT_EQ(among.rolePairs[0].a, 3000);
    EXPECT_EQ(among.rolePairs[0].b, role);
    EXPECT_EQ(among.overlaps.size(), static_cast<size_t>(among.rolePairs[0].shared));
    EXPECT_TRUE(analysis.resultAmong({3000, role, 3002}).rolePairs.empty());
    EXPECT_TRUE(analysis.isPendingAmong({3000, role, 3002}));
    ASSERT_TRUE(QTest::qWaitFor([&] { return ready > 1; }, 120000));
    EXPECT_EQ(analysis.resultAmong({3000, role, 3002}).rolePairs.size(), 3u);

    // Other roles are found in turn; asking for the whole analysis then answers for all.
    EXPECT_TRUE(analysis.resultFor({role, 9000}).rolePairs.empty());
    EXPECT_TRUE(analysis.isPendingFor({9000}));
    ASSERT_TRUE(QTest::qWaitFor([&] { return ready > 2; }, 120000));
    EXPECT_GT(analysis.scoresAgainst(9000)[9001], 0);
    EXPECT_TRUE(analysis.result().rolePairs.empty());
    EXPECT_TRUE(analysis.isPending());
    EXPECT_TRUE(analysis.isPendingFor({role}));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !analysis.isPending(); }, 120000));
    EXPECT_EQ(&analysis.resultFor({role}), &analysis.result());
    EXPECT_GT(analysis.result().rolePairs.size(), 10000u);
    // Made from the index the roles' questions built, it is still the whole analysis.
    const OverlapResult whole = findOverlaps(model);
    ASSERT_EQ(analysis.result().overlaps.size(), whole.overlaps.size());
    for (size_t i = 0; i < whole.overlaps.size(); ++i) {
        EXPECT_EQ(analysis.result().overlaps[i].a, whole.overlaps[i].a);
        EXPECT_EQ(analysis.result().overlaps[i].b, whole.overlaps[i].b);
        EXPECT_EQ(analysis.result().overlaps[i].score, whole.overlaps[i].score);
    }
    ASSERT_EQ(analysis.result().rolePairs.size(), whole.rolePairs.size());

    // Stopped, it takes the index with it: the next question builds another.
    document.setModel(model);
    ASSERT_TRUE(analysis.waitsToBeAsked());
    EXPECT_TRUE(analysis.resultFor({role}).rolePairs.empty());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !analysis.isPendingFor({role}); }, 120000));
    EXPECT_TRUE(analysis.result().rolePairs.empty());
    ASSERT_TRUE(analysis.canStop());
    analysis.stop();
    EXPECT_FALSE(analysis.isPending());
    EXPECT_EQ(analysis.resultFor({9000}).rolePairs.size(), 0u);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !analysis.isPendingFor({9000}); }, 120000));
    EXPECT_GT(analysis.scoresAgainst(9000)[9001], 0);
}

TEST(OverlapLegendTest, countsTheRolesSharingTheWorkOrSaysTheyAreStillBeingFound)
{
    OverlapLegend legend;
    EXPECT_EQ(legend.text(), QStringLiteral("Select a role to see who else does its work"));
    legend.setRoleTitle(QStringLiteral("Payroll Clerk"));
    legend.setSharing(0, true);
    EXPECT_EQ(legend.text(), QStringLiteral("Finding who else does the work of Payroll Clerk…"));
    legend.setProgress(357);
    EXPECT_EQ(legend.text(), QStringLiteral("Finding who else does the work of Payroll Clerk… 35 %"));
    legend.setSharing(0, false);
    EXPECT_EQ(legend.text(), QStringLiteral("Shared work with Payroll Clerk: no other role"));
    legend.setSharing(1, false);
    EXPECT_EQ(legend.text(), QStringLiteral("Shared work with Payroll Clerk: 1 role"));
}

TEST(OverlapAnalysisTest, comparingRolesOfAVeryLargeModelMarksTheirSharedDutiesWhenFound)
{
    Document document;
    OverlapAnalysis analysis(&document);
    document.setModel(teamsModel(OverlapAnalysis::OnDemandRoleCount));
    ComparisonView view(&analysis);
    view.setRoles({6000, 6001});
    view.show();
    ASSERT_TRUE(view.comparison().pairSummaries().empty()
                || view.comparison().pairSummaries().front().shared == 0);
    const auto note = [&view] {
        for (QLabel *label : view.findChildren<QLabel *>()) {
            if (label->text().startsWith(QStringLiteral("Still finding")))
                return true;
        }
        return false;
    };
    EXPECT_TRUE(note());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto summaries = view.comparison().pairSummaries();
            return !summaries.empty() && summaries.front().shared > 0;
        },
        120000));
    // Role 6000 reconciles the accounts both hold word for word; its audit is its own.
    const PairSummary summary = view.comparison().pairSummaries().front();
    EXPECT_EQ(summary.shared, 1);
    EXPECT_EQ(summary.onlyLeft, 2);
    EXPECT_EQ(summary.onlyRight, 1);
    EXPECT_FALSE(note());
    EXPECT_TRUE(analysis.waitsToBeAsked());
}

TEST(OverlapAnalysisTest, largeModelsAreAnalysedInTheBackgroundWithTheSameResult)
{
    Document document;
    OverlapAnalysis analysis(&document);
    int changes = 0;
    QObject::connect(&analysis, &OverlapAnalysis::changed, [&changes] { ++changes; });
    document.setModel(largeModel("Audit the payroll ledgers"));
    // A second model while the first is still being analysed replaces it.
    const Model second = largeModel("Inspect the warehouse stock");
    document.setModel(second);
    EXPECT_EQ(changes, 2);

    // Nothing waits for the analysis: until it is done the result is empty.
    EXPECT_TRUE(analysis.isPending());
    EXPECT_TRUE(analysis.result().rolePairs.empty());
    int ready = 0;
    QObject::connect(&analysis, &OverlapAnalysis::resultReady, [&ready] { ++ready; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return ready > 0; }, 120000));
    EXPECT_EQ(ready, 1); // the replaced model's analysis never reports
    EXPECT_FALSE(analysis.isPending());

    const OverlapResult expected = findOverlaps(second);
    const OverlapResult &result = analysis.result();
    ASSERT_EQ(result.overlaps.size(), expected.overlaps.size());
    ASSERT_EQ(result.rolePairs.size(), expected.rolePairs.size());
    for (size_t i = 0; i < result.rolePairs.size(); ++i) {
        EXPECT_EQ(result.rolePairs[i].a, expected.rolePairs[i].a);
        EXPECT_EQ(result.rolePairs[i].b, expected.rolePairs[i].b);
    }
    EXPECT_FALSE(result.overlaps.empty());
    EXPECT_EQ(result.overlaps.front().terms, expected.overlaps.front().terms);
}

TEST(OverlapAnalysisTest, DockSaysTheAnalysisRunsAndFillsWhenItIsDone)
{
    Document document;
    OverlapAnalysis analysis(&document);
    OverlapDock dock(&analysis);
    dock.show();
    document.setModel(largeModel("Audit the payroll ledgers"));
    auto *pending = dock.findChild<QLabel *>(QStringLiteral("overlapNote"));
    ASSERT_NE(pending, nullptr);
    EXPECT_TRUE(pending->isVisible());
    EXPECT_TRUE(pending->text().contains(QStringLiteral("Finding overlapping duties")))
        << pending->text().toStdString();
    EXPECT_EQ(dock.pairModel()->rowCount(), 0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return dock.pairModel()->rowCount() > 0; }, 120000));
    EXPECT_FALSE(pending->isVisible());
}

TEST(OverlapAnalysisTest, VeryLargeModelsAreAnalysedOnlyWhenAskedFor)
{
    Document document;
    OverlapAnalysis analysis(&document);
    document.setModel(largeModel("Audit the payroll ledgers", OverlapAnalysis::OnDemandRoleCount));
    EXPECT_FALSE(analysis.isPending());
    EXPECT_TRUE(analysis.result().rolePairs.empty()); // asking starts it
    EXPECT_TRUE(analysis.isPending());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !analysis.isPending(); }, 120000));
    EXPECT_FALSE(analysis.result().rolePairs.empty());
}

TEST(OverlapAnalysisTest, TheDockStartsAVeryLargeAnalysisOnlyWhenAsked)
{
    Document document;
    OverlapAnalysis analysis(&document);
    OverlapDock dock(&analysis);
    dock.show();
    document.setModel(largeModel("Audit the payroll ledgers", OverlapAnalysis::OnDemandRoleCount));
    // Shown, the dock says what the analysis would cost instead of starting it.
    EXPECT_FALSE(analysis.isPending());
    EXPECT_TRUE(analysis.waitsToBeAsked());
    EXPECT_EQ(dock.pairModel()->rowCount(), 0);
    auto *note = dock.findChild<QLabel *>(QStringLiteral("overlapNote"));
    ASSERT_NE(note, nullptr);
    EXPECT_TRUE(note->isVisible());
    EXPECT_TRUE(note->text().contains(QStringLiteral("a minute"))) << note->text().toStdString();
    QPushButton *start = button(dock, "Find Overlaps");
    ASSERT_NE(start, nullptr);
    ASSERT_TRUE(start->isVisible());
    auto *progress = dock.findChild<QProgressBar *>();
    ASSERT_NE(progress, nullptr);
    EXPECT_FALSE(progress->isVisible());

    start->setFocus();
    QTest::keyClick(start, Qt::Key_Space);
    EXPECT_TRUE(analysis.isPending());
    EXPECT_FALSE(start->isVisible());
    EXPECT_TRUE(note->text().contains(QStringLiteral("Finding overlapping duties")));
    // While it runs: a progress bar, and Stop (which has the focus the pressed button had).
    EXPECT_TRUE(progress->isVisible());
    EXPECT_TRUE(button(dock, "Stop")->isVisible());
    EXPECT_EQ(dock.focusWidget(), button(dock, "Stop"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return dock.pairModel()->rowCount() > 0; }, 120000));
    EXPECT_FALSE(note->isVisible());
    EXPECT_FALSE(progress->isVisible());
    EXPECT_FALSE(button(dock, "Stop")->isVisible());
}

TEST(OverlapAnalysisTest, StopAbandonsAVeryLargeAnalysisUntilAskedAgain)
{
    Document document;
    OverlapAnalysis analysis(&document);
    OverlapDock dock(&analysis);
    dock.show();
    document.setModel(largeModel("Audit the payroll ledgers", OverlapAnalysis::OnDemandRoleCount));
    QTest::mouseClick(button(dock, "Find Overlaps"), Qt::LeftButton);
    ASSERT_TRUE(analysis.isPending());

    QPushButton *stop = button(dock, "Stop");
    ASSERT_TRUE(stop->isVisible());
    QTest::keyClick(stop, Qt::Key_Space);
    EXPECT_FALSE(analysis.isPending());
    EXPECT_TRUE(analysis.waitsToBeAsked());
    EXPECT_FALSE(stop->isVisible());
    EXPECT_FALSE(dock.findChild<QProgressBar *>()->isVisible());
    EXPECT_TRUE(button(dock, "Find Overlaps")->isVisible());
    EXPECT_EQ(dock.focusWidget(), button(dock, "Find Overlaps"));
    // The abandoned analysis finishing later changes nothing.
    QTest::qWait(200);
    EXPECT_TRUE(analysis.waitsToBeAsked());
    EXPECT_EQ(dock.pairModel()->rowCount(), 0);
}

// The built-in model's overlaps at 0.5 (the default) and at a lower threshold, which adds
// pairs of umbrella duties ("Manage sales" / "Forecast the year's sales").
TEST(OverlapAnalysisTest, aMinimumScoreChosenInTheWindowReplacesTheModelsThreshold)
{
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("org.yaml"));
    rolescope::testing::writeFile(path, builtInModelBytes());
    Document document;
    OverlapAnalysis analysis(&document);
    ASSERT_TRUE(document.load(path));
    EXPECT_EQ(analysis.threshold(), DefaultOverlapThreshold);
    EXPECT_EQ(analysis.modelThreshold(), DefaultOverlapThreshold);
    const size_t atDefault = analysis.result().overlaps.size();

    int changes = 0;
    QObject::connect(&analysis, &OverlapAnalysis::changed, [&changes] { ++changes; });
    analysis.setMinScore(0.35);
    EXPECT_EQ(changes, 1);
    EXPECT_EQ(analysis.threshold(), 0.35);
    OverlapOptions options;
    options.minScore = 0.35;
    const OverlapResult expected = findOverlaps(document.model(), options);
    EXPECT_EQ(analysis.result().threshold, 0.35);
    EXPECT_EQ(analysis.result().overlaps.size(), expected.overlaps.size());
    EXPECT_GT(analysis.result().overlaps.size(), atDefault);

    // Kept while the same file is reloaded; dropped for another model.
    ASSERT_TRUE(document.reload());
    EXPECT_EQ(analysis.threshold(), 0.35);
    EXPECT_EQ(analysis.result().overlaps.size(), expected.overlaps.size());
    ASSERT_TRUE(document.load(QString()));
    EXPECT_FALSE(analysis.minScore().has_value());
    EXPECT_EQ(analysis.result().overlaps.size(), atDefault);
}

TEST(OverlapAnalysisTest, theDocksMinimumScoreBoxAnalysesAgainAtTheScoreTyped)
{
    Document document;
    OverlapAnalysis analysis(&document);
    OverlapDock dock(&analysis);
    dock.show();
    ASSERT_TRUE(document.load(QString()));
    QDoubleSpinBox *box = dock.minScoreBox();
    EXPECT_DOUBLE_EQ(box->value(), DefaultOverlapThreshold);
    EXPECT_TRUE(box->toolTip().contains(QStringLiteral("0.50"))) << box->toolTip().toStdString();
    // The duty pairs the dock counts over all role pairs.
    auto sharedShown = [&] {
        const QAbstractItemModel *pairs = dock.pairModel();
        int shared = 0;
        for (int row = 0; row < pairs->rowCount(); ++row)
            shared += pairs->index(row, RolePairModel::SharedColumn).data().toInt();
        return shared;
    };
    const int sharedAtDefault = sharedShown();

    // Typed and confirmed with Enter: analysed again at once.
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, QStringLiteral("0.35"));
    QTest::keyClick(box, Qt::Key_Return);
    EXPECT_EQ(analysis.minScore(), std::optional<double>(0.35));
    EXPECT_GT(sharedShown(), sharedAtDefault);

    // Stepping with the arrow keys waits for a pause; back at the model's threshold, the
    // model's setting applies again.
    for (int step = 0; step < 3; ++step)
        QTest::keyClick(box, Qt::Key_Up);
    EXPECT_EQ(analysis.minScore(), std::optional<double>(0.35));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !analysis.minScore().has_value(); }, 5000));
    EXPECT_EQ(sharedShown(), sharedAtDefault);
}

class OverlapWindowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_window.showBuiltInModel();
        m_window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_window));
        m_overlaps = m_window.overlaps();
    }

    RoleIndex find(const char *id) const { return m_window.document()->model().find(id); }

    QPoint cardCentre(RoleIndex role) const
    {
        return m_window.chartView()->mapFromScene(
            m_window.chartScene()->cardRect(role).center());
    }

    MainWindow m_window;
    OverlapController *m_overlaps = nullptr;
};

TEST_F(OverlapWindowTest, doubleClickingAPairOpensItsComparison)
{
    QDockWidget *dock = m_overlaps->overlapDockWidget();
    dock->show();
    QTableView *table = m_overlaps->overlapDock()->tableView();
    ASSERT_GT(table->model()->rowCount(), 0);
    const QModelIndex first = table->model()->index(0, RolePairModel::SecondRoleColumn);
    const RoleIndex a = first.data(RolePairModel::FirstRoleRole).toInt();
    const RoleIndex b = first.data(RolePairModel::SecondRoleRole).toInt();
    EXPECT_FALSE(m_overlaps->comparisonDockWidget()->isVisible());

    const QPoint at = table->visualRect(first).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);

    EXPECT_EQ(m_overlaps->comparisonView()->roles(), (std::vector<RoleIndex>{a, b}));
    EXPECT_TRUE(m_overlaps->comparisonDockWidget()->isVisible());
}

TEST_F(OverlapWindowTest, ctrlClickingCardsComparesThem)
{
    QWidget *viewport = m_window.chartView()->viewport();
    QTest::mouseClick(viewport, Qt::LeftButton, {}, cardCentre(find("sales-manager")));
    EXPECT_FALSE(m_overlaps->comparisonDockWidget()->isVisible());
    QTest::mouseClick(viewport, Qt::LeftButton, Qt::ControlModifier,
                      cardCentre(find("product-manager")));

    EXPECT_TRUE(m_overlaps->comparisonDockWidget()->isVisible());
    EXPECT_EQ(titlesOf(m_overlaps->comparisonView()),
              (QStringList{"Sales Manager", "Product Manager"}));
    EXPECT_EQ(m_overlaps->comparisonDockWidget()->windowTitle(),
              QStringLiteral("Compare: Sales Manager · Product Manager"));

    QTest::mouseClick(viewport, Qt::LeftButton, Qt::ControlModifier,
                      cardCentre(find("marketing-manager")));
    EXPECT_EQ(titlesOf(m_overlaps->comparisonView()),
              (QStringList{"Sales Manager", "Product Manager", "Marketing Manager"}));
}

TEST_F(OverlapWindowTest, ctrlClickingOutlineRowsComparesThem)
{
    OutlineView *outline = m_window.outlineView();
    const auto rowCentre = [&](const char *id) {
        return outline->visualRect(outline->roleModel()->indexForRole(find(id))).center();
    };
    QTest::mouseClick(outline->viewport(), Qt::LeftButton, {}, rowCentre("sales-manager"));
    QTest::mouseClick(outline->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      rowCentre("customer-service-manager"));

    EXPECT_TRUE(m_overlaps->comparisonDockWidget()->isVisible());
    EXPECT_EQ(titlesOf(m_overlaps->comparisonView()),
              (QStringList{"Sales Manager", "Customer Service Manager"}));
}

TEST_F(OverlapWindowTest, compareWithMenuOffersTheMostOverlappingRolesFirst)
{
    QMenu menu;
    m_overlaps->addRoleActions(&menu, find("sales-manager"));
    QMenu *with = nullptr;
    for (QAction *action : menu.actions()) {
        if (action->menu() && action->text() == QStringLiteral("Compare &with…"))
            with = action->menu();
    }
    ASSERT_TRUE(with);
    ASSERT_FALSE(with->actions().isEmpty());

    const std::vector<double> scores = m_overlaps->analysis()->scoresAgainst(find("sales-manager"));
    RoleIndex best = NoRole;
    for (RoleIndex role = 0; role < static_cast<RoleIndex>(scores.size()); ++role) {
        if (best == NoRole || scores[size_t(role)] > scores[size_t(best)])
            best = role;
    }
    const QString bestTitle = QString::fromStdString(m_window.document()->model().role(best).title);
    EXPECT_TRUE(with->actions().first()->text().startsWith(bestTitle))
        << with->actions().first()->text().toStdString();

    with->actions().first()->trigger();
    EXPECT_EQ(titlesOf(m_overlaps->comparisonView()),
              (QStringList{"Sales Manager", bestTitle}));
    EXPECT_TRUE(m_overlaps->comparisonDockWidget()->isVisible());
}

TEST_F(OverlapWindowTest, tintShowsWhoElseDoesTheSelectedRolesWork)
{
    Document *document = m_window.document();
    ChartScene *scene = m_window.chartScene();
    const RoleIndex sales = find("sales-manager");
    document->selectRole(sales);
    EXPECT_EQ(scene->cardState(find("product-manager")).overlapTint, -1);

    m_overlaps->tintAction()->trigger();
    ASSERT_TRUE(m_overlaps->tintAction()->isChecked());
    EXPECT_TRUE(m_overlaps->legend()->isVisible());
    EXPECT_EQ(m_overlaps->legend()->text(),
              QStringLiteral("Shared work with Sales Manager: 2 roles"));
    // The legend sits above the chart and hides none of its cards.
    const QRect chartArea = m_window.chartView()->viewport()->geometry();
    EXPECT_LE(m_overlaps->legend()->geometry().bottom(), chartArea.top());
    EXPECT_GE(m_overlaps->legend()->geometry().top(), 0);

    const auto tint = [&](const char *id) { return scene->cardState(find(id)).overlapTint; };
    // The marketing and product managers share work with the sales manager, the others none.
    EXPECT_EQ(tint("sales-manager"), -1);
    EXPECT_GT(tint("marketing-manager"), 0);
    EXPECT_GT(tint("product-manager"), 0);
    EXPECT_EQ(tint("customer-service-manager"), 0);
    EXPECT_EQ(tint("general-manager"), 0);
    const std::vector<double> scores = m_overlaps->analysis()->scoresAgainst(sales);
    EXPECT_EQ(tint("marketing-manager"), scores[size_t(find("marketing-manager"))]);
    EXPECT_EQ(tint("product-manager"), scores[size_t(find("product-manager"))]);

    // On screen the more overlapping card is the more strongly tinted one.
    const QImage chart = m_window.chartView()->viewport()->grab().toImage();
    const auto cardColor = [&](const char *id) {
        const QRectF card = scene->cardRect(find(id));
        const QPoint at = m_window.chartView()->mapFromScene(card.right() - 4, card.center().y());
        return chart.pixelColor(at * chart.devicePixelRatio());
    };
    const QColor base = m_window.chartView()->palette().color(QPalette::Base);
    const auto distance = [&base](const QColor &color) {
        return std::abs(color.red() - base.red()) + std::abs(color.green() - base.green())
               + std::abs(color.blue() - base.blue());
    };
    EXPECT_EQ(distance(cardColor("customer-service-manager")), 0);
    EXPECT_GT(distance(cardColor("product-manager")), 0);
    const bool marketingFirst = tint("marketing-manager") > tint("product-manager");
    EXPECT_EQ(distance(cardColor("marketing-manager")) > distance(cardColor("product-manager")),
              marketingFirst);

    // Another role: other tints. Off: no tint at all.
    document->selectRole(find("customer-service-manager"));
    EXPECT_GT(tint("marketing-manager"), 0);
    EXPECT_EQ(tint("product-manager"), 0);
    m_overlaps->tintAction()->trigger();
    EXPECT_EQ(tint("marketing-manager"), -1);
    EXPECT_FALSE(m_overlaps->legend()->isVisible());
    EXPECT_LT(m_window.chartView()->viewport()->geometry().top(), chartArea.top())
        << "the chart takes back the legend's strip";
}

} // namespace
