#include "app/diagnosticspanel.h"
#include "app/document.h"
#include "app/loadindicator.h"
#include "app/mainwindow.h"
#include "app/modelloadjob.h"
#include "app/rolesearch.h"
#include "app/searchbar.h"

#include "tests/bench/orggenerator.h"
#include "tests/bench/orgwriter.h"

#include "testmodels.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QFileInfo>
#include <QGuiApplication>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

using namespace rolescope;
using rolescope::testing::SmallOrgYaml;
using rolescope::testing::writeFile;

namespace {

constexpr int WaitMs = 60000;
constexpr int SmallOrgRoles = 6;

// A realistic organisation of ROLES roles as YAML: 4,000 roles make about 3 MB.
QByteArray generatedYaml(int roles, std::uint64_t seed)
{
    std::ostringstream out;
    bench::writeYaml(bench::generateOrg({roles, seed}), out);
    return QByteArray::fromStdString(out.str());
}

class AsyncLoadTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        // These tests follow the parse itself (progress, cancel, supersede), which a kept model
        // would skip; modelcache_test.cpp tests loading through the cache.
        document()->setModelCacheDirectory({});
        m_smallPath = m_dir.filePath(QStringLiteral("small.yaml"));
        writeFile(m_smallPath, SmallOrgYaml);
        ASSERT_TRUE(m_window.openFile(m_smallPath));
        ASSERT_EQ(document()->model().roleCount(), SmallOrgRoles);
        m_window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_window));
    }

    QString writeLarge(const QString &name, int roles, std::uint64_t seed = 1,
                       const QByteArray &extra = {})
    {
        const QString path = m_dir.filePath(name);
        writeFile(path, generatedYaml(roles, seed) + extra);
        return path;
    }

    Document *document() const { return m_window.document(); }
    LoadIndicator *indicator() const { return m_window.loadIndicator(); }

    // Waits for the load in the background to end and for stopped loads to let go of their
    // threads, so that nothing can still change the window afterwards.
    bool waitUntilIdle() const
    {
        return QTest::qWaitFor([this] {
            return !document()->isLoading() && document()->findChildren<ModelLoadJob *>().isEmpty();
        }, WaitMs);
    }

    QTemporaryDir m_dir;
    QString m_smallPath;
    MainWindow m_window;
};

} // namespace

TEST_F(AsyncLoadTest, ALargeFileLoadsInTheBackgroundWithProgress)
{
    const QString path = writeLarge(QStringLiteral("large.yaml"), 4000);
    ASSERT_TRUE(Document::isLargeFile(path));
    QSignalSpy progress(document(), &Document::loadProgress);
    QSignalSpy finished(document(), &Document::loadFinished);

    ASSERT_TRUE(m_window.openFile(path));
    // The call returns before the file is read: the old model is still shown and usable.
    EXPECT_TRUE(document()->isLoading());
    EXPECT_EQ(document()->model().roleCount(), SmallOrgRoles);
    document()->selectRole(document()->model().find("analyst"));
    EXPECT_EQ(document()->currentRole(), document()->model().find("analyst"));
    EXPECT_TRUE(indicator()->isVisible());
    EXPECT_TRUE(indicator()->text().contains(QStringLiteral("large.yaml")));
    EXPECT_TRUE(indicator()->cancelAction()->isEnabled());

    ASSERT_TRUE(finished.wait(WaitMs));
    ASSERT_EQ(finished.count(), 1);
    EXPECT_TRUE(finished.at(0).at(1).toBool()) << "ok";
    EXPECT_FALSE(finished.at(0).at(2).toBool()) << "cancelled";
    EXPECT_EQ(document()->model().roleCount(), 4000);
    EXPECT_EQ(document()->filePath(), path);
    EXPECT_TRUE(m_window.windowTitle().contains(QStringLiteral("large.yaml")));
    EXPECT_FALSE(indicator()->isVisible());
    EXPECT_FALSE(indicator()->cancelAction()->isEnabled());

    // The bar went from the start of the file to its end, never back.
    ASSERT_GE(progress.count(), 2);
    std::vector<qint64> done;
    for (const QList<QVariant> &arguments : progress)
        done.push_back(arguments.at(0).toLongLong());
    EXPECT_TRUE(std::is_sorted(done.begin(), done.end()));
    EXPECT_EQ(done.back(), progress.back().at(1).toLongLong());
    EXPECT_EQ(done.back(), QFileInfo(path).size());
}

TEST_F(AsyncLoadTest, CancelKeepsTheShownModel)
{
    const QString path = writeLarge(QStringLiteral("large.yaml"), 4000);
    QSignalSpy finished(document(), &Document::loadFinished);

    ASSERT_TRUE(m_window.openFile(path));
    ASSERT_TRUE(indicator()->isVisible());
    QTest::keyClick(&m_window, Qt::Key_Escape);

    ASSERT_EQ(finished.count(), 1);
    EXPECT_FALSE(finished.at(0).at(1).toBool());
    EXPECT_TRUE(finished.at(0).at(2).toBool()) << "cancelled";
    EXPECT_FALSE(document()->isLoading());
    EXPECT_FALSE(indicator()->isVisible());
    ASSERT_TRUE(waitUntilIdle());
    EXPECT_EQ(document()->model().roleCount(), SmallOrgRoles);
    EXPECT_EQ(document()->filePath(), m_smallPath);
    EXPECT_TRUE(document()->diagnostics().empty());
    EXPECT_EQ(finished.count(), 1);
}

TEST_F(AsyncLoadTest, TheCancelButtonStopsTheLoad)
{
    ASSERT_TRUE(m_window.openFile(writeLarge(QStringLiteral("large.yaml"), 4000)));
    auto button = indicator()->findChild<QToolButton *>();
    ASSERT_NE(button, nullptr);
    QTest::mouseClick(button, Qt::LeftButton);
    EXPECT_FALSE(document()->isLoading());
    ASSERT_TRUE(waitUntilIdle());
    EXPECT_EQ(document()->model().roleCount(), SmallOrgRoles);
}

TEST_F(AsyncLoadTest, EscInTheSearchFieldClearsItBeforeItStopsTheLoad)
{
    QApplication::setActiveWindow(&m_window);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&m_window));
    QLineEdit *edit = m_window.searchBar()->lineEdit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("analyst"));
    ASSERT_TRUE(m_window.openFile(writeLarge(QStringLiteral("large.yaml"), 12000)));
    ASSERT_TRUE(document()->isLoading());

    QTest::keyClick(edit, Qt::Key_Escape);
    EXPECT_TRUE(edit->text().isEmpty());
    EXPECT_TRUE(document()->isLoading());
    // With nothing left to clear, Esc is Stop Loading again.
    QTest::keyClick(edit, Qt::Key_Escape);
    EXPECT_FALSE(document()->isLoading());
    ASSERT_TRUE(waitUntilIdle());
    EXPECT_EQ(document()->model().roleCount(), SmallOrgRoles);
}

TEST_F(AsyncLoadTest, AFileWithErrorsKeepsTheShownModelAndListsTheProblems)
{
    const QString path = writeLarge(QStringLiteral("broken.yaml"), 4000, 1,
                                    "  - id: stray\n    title: Stray\n    reports_to: nobody\n");
    QSignalSpy finished(document(), &Document::loadFinished);

    ASSERT_TRUE(m_window.openFile(path));
    ASSERT_TRUE(finished.wait(WaitMs));
    EXPECT_FALSE(finished.at(0).at(1).toBool());
    EXPECT_FALSE(finished.at(0).at(2).toBool());
    EXPECT_EQ(document()->model().roleCount(), SmallOrgRoles);
    EXPECT_EQ(document()->filePath(), m_smallPath);
    EXPECT_TRUE(document()->lastLoadFailed());
    EXPECT_TRUE(m_window.diagnosticsDock()->isVisible());
    ASSERT_GT(m_window.diagnosticsPanel()->topLevelItemCount(), 0);
    EXPECT_TRUE(m_window.diagnosticsDock()->windowTitle().contains(QStringLiteral("broken.yaml")));
    EXPECT_FALSE(indicator()->isVisible());
}

TEST_F(AsyncLoadTest, ASecondLoadSupersedesTheFirst)
{
    const QString first = writeLarge(QStringLiteral("first.yaml"), 4000, 1);
    const QString second = writeLarge(QStringLiteral("second.yaml"), 3000, 2);
    QSignalSpy finished(document(), &Document::loadFinished);

    ASSERT_TRUE(m_window.openFile(first));
    ASSERT_TRUE(m_window.openFile(second));
    // The first one is stopped at once; the bar now follows the second.
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.at(0).at(0).toString(), first);
    EXPECT_TRUE(finished.at(0).at(2).toBool()) << "cancelled";
    EXPECT_TRUE(indicator()->isVisible());
    EXPECT_TRUE(indicator()->text().contains(QStringLiteral("second.yaml")));

    ASSERT_TRUE(waitUntilIdle());
    ASSERT_EQ(finished.count(), 2);
    EXPECT_EQ(finished.at(1).at(0).toString(), second);
    EXPECT_TRUE(finished.at(1).at(1).toBool()) << "ok";
    EXPECT_EQ(document()->filePath(), second);
    EXPECT_EQ(document()->model().roleCount(), 3000);
}

TEST_F(AsyncLoadTest, ASmallFileOpenedMeanwhileSupersedesTheLoad)
{
    const QString other = m_dir.filePath(QStringLiteral("other.yaml"));
    writeFile(other, "organization: {name: Other}\nroles:\n  - {id: solo, title: Solo}\n");

    ASSERT_TRUE(m_window.openFile(writeLarge(QStringLiteral("large.yaml"), 4000)));
    ASSERT_TRUE(m_window.openFile(other));
    EXPECT_FALSE(indicator()->isVisible());
    ASSERT_TRUE(waitUntilIdle());
    EXPECT_EQ(document()->filePath(), other);
    EXPECT_EQ(document()->model().roleCount(), 1);
}

TEST_F(AsyncLoadTest, ReloadingALargeFileKeepsTheSelection)
{
    const QString path = writeLarge(QStringLiteral("large.yaml"), 4000);
    QSignalSpy finished(document(), &Document::loadFinished);
    ASSERT_TRUE(m_window.openFile(path));
    ASSERT_TRUE(finished.wait(WaitMs));
    const Model &model = document()->model();
    const std::string id = model.role(model.roleCount() - 1).id;
    document()->selectRole(model.roleCount() - 1);

    ASSERT_TRUE(m_window.openFile(path));
    ASSERT_TRUE(finished.wait(WaitMs));
    ASSERT_EQ(finished.count(), 2);
    EXPECT_TRUE(finished.at(1).at(1).toBool());
    ASSERT_NE(document()->currentRole(), NoRole);
    EXPECT_EQ(document()->model().role(document()->currentRole()).id, id);
}

TEST_F(AsyncLoadTest, TypingOnInALargeModelFindsWhatAFreshSearchFinds)
{
    QSignalSpy finished(document(), &Document::loadFinished);
    ASSERT_TRUE(m_window.openFile(writeLarge(QStringLiteral("large.yaml"), 4000)));
    ASSERT_TRUE(finished.wait(WaitMs));
    ASSERT_EQ(document()->model().roleCount(), 4000);

    // Each query narrows the one before, widens it, or starts afresh.
    const QStringList queries = {
        QStringLiteral("m"),          QStringLiteral("ma"),      QStringLiteral("man"),
        QStringLiteral("manage"),     QStringLiteral("manage b"), QStringLiteral("manage bu"),
        QStringLiteral("manage"),     QStringLiteral("MANAGE"),  QStringLiteral("report"),
        QStringLiteral("report man"), QStringLiteral(""),        QStringLiteral("zzqx"),
    };
    for (const QString &query : queries) {
        document()->setSearchText(query);
        RoleSearchIndex fresh;
        fresh.setModel(&document()->model());
        EXPECT_EQ(document()->searchMatches(), fresh.find(query)) << query.toStdString();
    }
    document()->setSearchText(QStringLiteral("manage"));
    EXPECT_GT(document()->searchMatches().size(), 0u);
    EXPECT_LT(document()->searchMatches().size(), 4000u);
}

TEST_F(AsyncLoadTest, SearchingALargeModelWaitsForAPauseInTheTyping)
{
    QSignalSpy finished(document(), &Document::loadFinished);
    ASSERT_TRUE(m_window.openFile(writeLarge(QStringLiteral("large.yaml"), 25000)));
    ASSERT_TRUE(finished.wait(WaitMs));
    ASSERT_EQ(document()->model().roleCount(), 25000);
    QSignalSpy searched(document(), &Document::searchChanged);

    QLineEdit *edit = m_window.searchBar()->lineEdit();
    QTest::keyClicks(edit, QStringLiteral("manager"));
    EXPECT_EQ(searched.count(), 0);
    ASSERT_TRUE(searched.wait(WaitMs));
    EXPECT_EQ(searched.count(), 1); // one search for the whole word
    EXPECT_EQ(document()->searchText(), QStringLiteral("manager"));
    EXPECT_FALSE(document()->searchMatches().empty());

    // Enter searches at once what was typed, then goes to the first match.
    QTest::keyClicks(edit, QStringLiteral(" budget"));
    QTest::keyClick(edit, Qt::Key_Return);
    EXPECT_EQ(document()->searchText(), QStringLiteral("manager budget"));
    ASSERT_FALSE(document()->searchMatches().empty());
    EXPECT_EQ(document()->currentRole(), document()->searchMatches().front());
    EXPECT_EQ(edit->text(), QStringLiteral("manager budget"));
}

TEST_F(AsyncLoadTest, ShowingTensOfThousandsOfCardsShowsABusyCursorUntilTheyArePainted)
{
    // Qt indexes every item before the first frame of a new layout: a second or more for
    // 100,000 cards, during which the window cannot answer.
    document()->setModel(bench::generateOrg({20000, 1}), QStringLiteral("big.yaml"));
    document()->expandAll();
    ASSERT_NE(QGuiApplication::overrideCursor(), nullptr);
    EXPECT_EQ(QGuiApplication::overrideCursor()->shape(), Qt::BusyCursor);
    ASSERT_TRUE(QTest::qWaitFor([] { return QGuiApplication::overrideCursor() == nullptr; }, WaitMs));
}
