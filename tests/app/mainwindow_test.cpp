#include "app/chartscene.h"
#include "app/chartview.h"
#include "app/connectoritem.h"
#include "app/detailspanel.h"
#include "app/diagnosticspanel.h"
#include "app/document.h"
#include "app/exportdialog.h"
#include "app/mainwindow.h"
#include "app/outlineview.h"
#include "app/recentfiles.h"
#include "app/rolecarditem.h"
#include "app/roletreemodel.h"
#include "app/searchbar.h"

#include "testmodels.h"

#include <QDockWidget>
#include <QDropEvent>
#include <QFile>
#include <QMenuBar>
#include <QMimeData>
#include <QLineEdit>
#include <QSaveFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolTip>

#include <gtest/gtest.h>

using namespace rolescope;
using rolescope::testing::SmallOrgYaml;
using rolescope::testing::writeFile;

namespace {

constexpr int WaitMs = 10000;

// What an editor that saves through a temporary file and a rename does.
void replaceFile(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
    ASSERT_TRUE(file.commit());
}

// Settings (recent files, window state) of this test alone: ctest runs tests in parallel
// processes that would otherwise share one settings file.
class IsolatedSettings
{
public:
    IsolatedSettings()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    }

private:
    QTemporaryDir m_dir;
};

class MainWindowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("org.yaml"));
        writeFile(m_path, SmallOrgYaml);
        ASSERT_TRUE(m_window.openFile(m_path));
        m_window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_window));
    }

    RoleIndex role(const char *id) const { return m_window.document()->model().find(id); }
    ChartScene *scene() const { return m_window.chartScene(); }
    QString details() const { return m_window.detailsPanel()->toPlainText(); }

    // Where a point of the scene is on the chart view's viewport.
    QPoint onViewport(const QPointF &scenePos) const
    {
        return m_window.chartView()->mapFromScene(scenePos);
    }

    IsolatedSettings m_settings;
    QTemporaryDir m_dir;
    QString m_path;
    MainWindow m_window;
};

} // namespace

TEST_F(MainWindowTest, SelectingARoleInTheOutlineSelectsItsCardAndShowsItsDuties)
{
    OutlineView *outline = m_window.outlineView();
    const QModelIndex index = outline->roleModel()->indexForRole(role("analyst"));
    outline->scrollTo(index);
    QTest::mouseClick(outline->viewport(), Qt::LeftButton, {}, outline->visualRect(index).center());

    EXPECT_EQ(m_window.document()->currentRole(), role("analyst"));
    EXPECT_TRUE(scene()->cardState(role("analyst")).selected);
    EXPECT_FALSE(scene()->cardState(role("cmo")).selected);
    EXPECT_TRUE(details().contains(QStringLiteral("Research Analyst")));
    EXPECT_TRUE(details().contains(QStringLiteral("Conduct market research and analysis")));
    EXPECT_TRUE(details().contains(QStringLiteral("Write the quarterly report")));
    EXPECT_TRUE(details().contains(QStringLiteral("Brand Director"))) << "its manager";
}

TEST_F(MainWindowTest, ClickingACardSelectsItInTheOutline)
{
    const QRectF card = scene()->cardRect(role("sales-lead"));
    ASSERT_FALSE(card.isEmpty());
    QTest::mouseClick(m_window.chartView()->viewport(), Qt::LeftButton, {},
                      onViewport(card.center()));

    EXPECT_EQ(m_window.document()->currentRole(), role("sales-lead"));
    const QModelIndex current = m_window.outlineView()->currentIndex();
    EXPECT_EQ(current.data(RoleTreeModel::RoleIdRole).toString(), QStringLiteral("sales-lead"));
    EXPECT_TRUE(details().contains(QStringLiteral("Manage key accounts")));
}

TEST_F(MainWindowTest, SearchingHighlightsExactlyTheMatchingRoles)
{
    SearchBar *search = m_window.searchBar();
    QTest::keyClicks(search->lineEdit(), QStringLiteral("market"));

    std::vector<std::string> highlighted;
    for (RoleIndex i = 0; i < m_window.document()->model().roleCount(); ++i) {
        const bool onCard = scene()->cardState(i).searchMatch;
        const bool inOutline = m_window.outlineView()->roleModel()->indexForRole(i).data(
            RoleTreeModel::SearchMatchRole).toBool();
        EXPECT_EQ(onCard, inOutline);
        if (onCard)
            highlighted.push_back(m_window.document()->model().role(i).id);
    }
    EXPECT_EQ(highlighted, (std::vector<std::string>{"cmo", "analyst"}));
    EXPECT_EQ(search->statusText(), QStringLiteral("2 matches"));

    QTest::keyClick(search->lineEdit(), Qt::Key_Return);
    EXPECT_EQ(m_window.document()->currentRole(), role("cmo"));
    EXPECT_EQ(search->statusText(), QStringLiteral("1 of 2"));
    QTest::keyClick(search->lineEdit(), Qt::Key_Return);
    EXPECT_EQ(m_window.document()->currentRole(), role("analyst"));
}

TEST_F(MainWindowTest, SearchExpandsTheAncestorsOfAMatchAndScrollsToIt)
{
    m_window.document()->collapseToLevel(1);
    ASSERT_FALSE(scene()->isShown(role("rep")));

    QTest::keyClicks(m_window.searchBar()->lineEdit(), QStringLiteral("visit customers"));
    QTest::keyClick(m_window.searchBar()->lineEdit(), Qt::Key_Return);

    EXPECT_TRUE(scene()->isShown(role("rep")));
    const QRectF visible = m_window.chartView()->mapToScene(
        m_window.chartView()->viewport()->rect()).boundingRect();
    EXPECT_TRUE(visible.contains(scene()->cardRect(role("rep"))));
}

TEST_F(MainWindowTest, CollapsingACardHidesItsDescendants)
{
    const RoleIndex ceo = role("ceo");
    const QRectF handle = scene()->cardPainter().handleRect(scene()->cardRect(ceo),
                                                            scene()->cardState(ceo));
    ASSERT_FALSE(handle.isNull());
    QTest::mouseClick(m_window.chartView()->viewport(), Qt::LeftButton, {},
                      onViewport(handle.center()));
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_window.document()->isCollapsed(ceo); }, WaitMs));

    EXPECT_TRUE(scene()->isShown(ceo));
    for (const char *id : {"cmo", "analyst", "sales-lead", "rep", "cfo"}) {
        EXPECT_FALSE(scene()->isShown(role(id))) << id;
        EXPECT_EQ(scene()->cardItem(role(id)), nullptr) << id;
    }
    EXPECT_EQ(scene()->cardState(ceo).hiddenBelow, 5);
    EXPECT_EQ(CardPainter::handleText(scene()->cardState(ceo)), QStringLiteral("+5"));
    EXPECT_TRUE(scene()->connectorItems().empty());

    // Space on the selected card expands it again.
    m_window.document()->selectRole(ceo);
    m_window.chartView()->setFocus();
    QTest::keyClick(m_window.chartView(), Qt::Key_Space);
    EXPECT_TRUE(scene()->isShown(role("analyst")));
}

TEST_F(MainWindowTest, HoveringACardShowsItsFullTitle)
{
    QWidget *viewport = m_window.chartView()->viewport();
    const QPoint pos = onViewport(scene()->cardRect(role("analyst")).center());
    QHelpEvent help(QEvent::ToolTip, pos, viewport->mapToGlobal(pos));
    QApplication::sendEvent(viewport, &help);

    EXPECT_TRUE(QToolTip::text().contains(QStringLiteral("Research Analyst")));
    EXPECT_TRUE(QToolTip::text().contains(QStringLiteral("José Müller")));
    EXPECT_TRUE(QToolTip::text().contains(QStringLiteral("2 duties")));
}

TEST_F(MainWindowTest, ArrowKeysMoveToManagerReportsAndSiblings)
{
    ChartView *view = m_window.chartView();
    view->setFocus();
    m_window.document()->selectRole(role("cmo"));

    QTest::keyClick(view, Qt::Key_Right);
    EXPECT_EQ(m_window.document()->currentRole(), role("sales-lead"));
    QTest::keyClick(view, Qt::Key_Down);
    EXPECT_EQ(m_window.document()->currentRole(), role("rep"));
    QTest::keyClick(view, Qt::Key_Up);
    QTest::keyClick(view, Qt::Key_Up);
    EXPECT_EQ(m_window.document()->currentRole(), role("ceo"));
    QTest::keyClick(view, Qt::Key_Up);
    EXPECT_EQ(m_window.document()->currentRole(), role("ceo")) << "nothing above the top";
}

TEST_F(MainWindowTest, FocusingOnASubtreeShowsOnlyItAndBreadcrumbsLeadBack)
{
    m_window.document()->setFocusRoot(role("sales-lead"));

    EXPECT_TRUE(scene()->isShown(role("sales-lead")));
    EXPECT_TRUE(scene()->isShown(role("rep")));
    EXPECT_FALSE(scene()->isShown(role("ceo")));
    EXPECT_FALSE(scene()->isShown(role("analyst")));

    m_window.document()->setFocusRoot(NoRole);
    EXPECT_TRUE(scene()->isShown(role("analyst")));
}

TEST_F(MainWindowTest, DottedLineReportIsDrawnDashed)
{
    int dotted = 0;
    for (const ConnectorItem *connector : scene()->connectorItems()) {
        if (connector->isDottedLine()) {
            ++dotted;
            EXPECT_EQ(connector->from(), role("cmo"));
            EXPECT_EQ(connector->to(), role("rep"));
        }
    }
    EXPECT_EQ(dotted, 1);
}

TEST_F(MainWindowTest, ChangedFileReloadsWithTheSelectionKept)
{
    m_window.document()->selectRole(role("analyst"));
    m_window.document()->setCollapsed(role("sales-lead"), true);
    m_window.chartView()->setZoom(0.5);
    OutlineView *outline = m_window.outlineView();
    outline->collapse(outline->roleModel()->indexForRole(role("sales-lead")));

    QByteArray changed(SmallOrgYaml);
    changed.replace("title: Research Analyst", "title: Senior Research Analyst");
    writeFile(m_path, changed);

    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return details().contains(QStringLiteral("Senior Research Analyst")); }, WaitMs));
    const Document *document = m_window.document();
    EXPECT_EQ(document->model().role(document->currentRole()).id, "analyst");
    EXPECT_TRUE(scene()->cardState(role("analyst")).selected);
    EXPECT_TRUE(document->isCollapsed(role("sales-lead")));
    EXPECT_FALSE(outline->isExpanded(outline->roleModel()->indexForRole(role("sales-lead"))));
    EXPECT_TRUE(outline->isExpanded(outline->roleModel()->indexForRole(role("ceo"))));
    EXPECT_DOUBLE_EQ(m_window.chartView()->zoom(), 0.5);

    // An editor that replaces the file by renaming a new one over it is followed as well.
    changed.replace("title: Brand Director", "title: Marketing Director");
    replaceFile(m_path, changed);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return document->model().role(role("cmo")).title == "Marketing Director"; },
        WaitMs));
    EXPECT_EQ(document->model().role(document->currentRole()).id, "analyst");
}

TEST_F(MainWindowTest, BrokenFileKeepsTheOldModelAndListsItsDiagnostic)
{
    m_window.document()->selectRole(role("rep"));
    QByteArray broken(SmallOrgYaml);
    broken.replace("reports_to: sales-lead", "reports_to: sales-chief");
    writeFile(m_path, broken);

    DiagnosticsPanel *problems = m_window.diagnosticsPanel();
    ASSERT_TRUE(QTest::qWaitFor([&] { return problems->topLevelItemCount() > 0; }, WaitMs));
    EXPECT_TRUE(m_window.diagnosticsDock()->isVisible());
    const QTreeWidgetItem *item = problems->topLevelItem(0);
    EXPECT_EQ(item->text(DiagnosticsPanel::SeverityColumn), QStringLiteral("error"));
    EXPECT_TRUE(item->text(DiagnosticsPanel::MessageColumn).contains(QStringLiteral("sales-chief")))
        << item->text(DiagnosticsPanel::MessageColumn).toStdString();
    const int line = QByteArray(SmallOrgYaml).left(QByteArray(SmallOrgYaml).indexOf(
                                                       "reports_to: sales-lead"))
                         .count('\n')
                     + 1;
    EXPECT_TRUE(item->text(DiagnosticsPanel::LocationColumn).startsWith(QString::number(line) + u':'))
        << item->text(DiagnosticsPanel::LocationColumn).toStdString();

    // The chart still shows the last good model.
    EXPECT_EQ(m_window.document()->model().roleCount(), 6);
    EXPECT_TRUE(scene()->isShown(role("rep")));
    EXPECT_EQ(m_window.document()->model().role(role("rep")).reportsTo, "sales-lead");

    // Clicking the problem selects its role.
    m_window.document()->clearSelection();
    problems->scrollToItem(item);
    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {},
                      problems->visualItemRect(item).center());
    EXPECT_EQ(m_window.document()->currentRole(), role("rep"));

    // Fixing the file loads it and clears the list.
    writeFile(m_path, SmallOrgYaml);
    ASSERT_TRUE(QTest::qWaitFor([&] { return problems->topLevelItemCount() == 0; }, WaitMs));
    EXPECT_FALSE(m_window.diagnosticsDock()->isVisible());
}

TEST_F(MainWindowTest, OpeningABrokenFileReturnsFalseAndKeepsTheShownModel)
{
    const QString brokenPath = m_dir.filePath(QStringLiteral("broken.yaml"));
    writeFile(brokenPath, "organization: {name: X}\nroles: [\n");

    EXPECT_FALSE(m_window.openFile(brokenPath));
    EXPECT_EQ(m_window.document()->filePath(), m_path);
    EXPECT_EQ(m_window.document()->model().roleCount(), 6);
    EXPECT_GT(m_window.diagnosticsPanel()->topLevelItemCount(), 0);
    EXPECT_TRUE(m_window.windowTitle().contains(QStringLiteral("Test Co")));
}

TEST_F(MainWindowTest, LinksInTheDetailsSelectTheManager)
{
    m_window.document()->selectRole(role("analyst"));
    emit m_window.detailsPanel()->anchorClicked(QUrl(QStringLiteral("role:%1").arg(role("cmo"))));

    EXPECT_EQ(m_window.document()->currentRole(), role("cmo"));
    EXPECT_TRUE(details().contains(QStringLiteral("Plan the campaigns")));
    EXPECT_TRUE(details().contains(QStringLiteral("Direct reports (1): Research Analyst")));
}

TEST_F(MainWindowTest, TitleBarShowsOrganisationAndFile)
{
    EXPECT_EQ(m_window.windowTitle(), QStringLiteral("Test Co — org.yaml"));
}

TEST_F(MainWindowTest, OpenedFilesAreRememberedAsRecent)
{
    EXPECT_EQ(RecentFiles().files(), QStringList{QFileInfo(m_path).absoluteFilePath()});
}

TEST_F(MainWindowTest, DroppingAFileOpensIt)
{
    const QString other = m_dir.filePath(QStringLiteral("other.yaml"));
    QByteArray yaml(SmallOrgYaml);
    yaml.replace("name: Test Co", "name: Dropped Co");
    writeFile(other, yaml);

    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(other)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, {});
    QApplication::sendEvent(&m_window, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, {});
    QApplication::sendEvent(&m_window, &drop);

    EXPECT_EQ(m_window.document()->filePath(), other);
    EXPECT_EQ(m_window.document()->model().organization.name, "Dropped Co");
}

TEST_F(MainWindowTest, DockLayoutIsRemembered)
{
    m_window.findChild<QDockWidget *>(QStringLiteral("overviewDock"))->hide();
    m_window.close();

    MainWindow again;
    again.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&again));
    EXPECT_FALSE(again.findChild<QDockWidget *>(QStringLiteral("overviewDock"))->isVisible());
    EXPECT_TRUE(again.findChild<QDockWidget *>(QStringLiteral("outlineDock"))->isVisible());
}

TEST(BuiltInModelWindowTest, SearchingMarketHighlightsTheExpectedRoles)
{
    IsolatedSettings settings;
    MainWindow window;
    window.showBuiltInModel();
    const auto highlighted = [&window] {
        std::vector<std::string> ids;
        for (RoleIndex i = 0; i < window.document()->model().roleCount(); ++i) {
            if (window.chartScene()->cardState(i).searchMatch)
                ids.push_back(window.document()->model().role(i).id);
        }
        return ids;
    };

    // Every role of the seed organisation has "market" in its title or a duty...
    QTest::keyClicks(window.searchBar()->lineEdit(), QStringLiteral("market"));
    EXPECT_EQ(highlighted(), (std::vector<std::string>{"general-manager", "marketing-manager",
                                                       "sales-manager", "product-manager",
                                                       "customer-service-manager"}));
    // ...but only the sales and product managers do market research.
    QTest::keyClicks(window.searchBar()->lineEdit(), QStringLiteral(" research"));
    EXPECT_EQ(highlighted(), (std::vector<std::string>{"sales-manager", "product-manager"}));
    EXPECT_EQ(window.searchBar()->statusText(), QStringLiteral("2 matches"));
}

TEST(MainWindowStartTest, AMissingFileIsListedAndLoadsOnceItAppears)
{
    IsolatedSettings settings;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("later.yaml"));
    MainWindow window;

    EXPECT_FALSE(window.openFile(path));
    EXPECT_FALSE(window.document()->hasModel());
    ASSERT_EQ(window.diagnosticsPanel()->topLevelItemCount(), 1);
    EXPECT_EQ(window.diagnosticsPanel()->topLevelItem(0)->text(DiagnosticsPanel::SeverityColumn),
              QStringLiteral("error"));
    EXPECT_EQ(window.windowTitle(), QStringLiteral("later.yaml"));

    writeFile(path, SmallOrgYaml);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.document()->hasModel(); }, WaitMs));
    EXPECT_EQ(window.chartScene()->layout().shown.size(), 6u);
    EXPECT_EQ(window.diagnosticsPanel()->topLevelItemCount(), 0);
}

TEST_F(MainWindowTest, FileExportOpensTheExportDialog)
{
    QAction *exportAction = nullptr;
    for (QAction *menu : m_window.menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E))
                exportAction = action;
        }
    }
    ASSERT_NE(exportAction, nullptr);
    bool dialogShown = false;
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<ExportDialog *>(QApplication::activeModalWidget());
        dialogShown = dialog != nullptr;
        if (dialog)
            dialog->reject();
    });
    exportAction->trigger();
    EXPECT_TRUE(dialogShown);
}
