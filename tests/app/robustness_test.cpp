// Nothing lost: a half-written model file keeps the last good model on screen, a corrupt
// settings file neither crashes the window nor leaks into it, and neither viewing nor
// exporting ever writes the model file (docs/robustness.md).
#include "app/chartscene.h"
#include "app/document.h"
#include "app/mainwindow.h"
#include "app/recentfiles.h"

#include "testmodels.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace rolescope;
using rolescope::testing::SmallOrgYaml;
using rolescope::testing::writeFile;

namespace {

constexpr int WaitMs = 10000;

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Writes bytes straight into the file behind QSettings, as a crash or a full disk might leave it.
void corruptSettings(const QByteArray &garbage)
{
    const QString path = QSettings().fileName();
    QSettings().sync();
    ASSERT_TRUE(QDir().mkpath(QFileInfo(path).absolutePath()));
    writeFile(path, garbage);
}

QByteArray garbage()
{
    QByteArray bytes;
    quint32 state = 12345;
    for (int i = 0; i < 4096; ++i) {
        state = state * 1664525u + 1013904223u;
        bytes += char(state >> 24);
    }
    // Broken INI syntax and values of the wrong type under the window's own keys.
    return bytes + "\n[window\ngeometry=@ByteArray(\\xff\\x00\ngeometry=\n[chart]\ncompact=@Variant(\\0\\0\n"
           + "recentFiles=@Invalid()\n\xff\xfe[\n";
}

} // namespace

TEST(Robustness, HalfWrittenFileKeepsTheLastGoodModel)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("org.yaml"));
    writeFile(path, SmallOrgYaml);
    MainWindow window;
    ASSERT_TRUE(window.openFile(path));
    const int roles = window.document()->model().roleCount();

    // An editor or a sync tool caught halfway: the file cut in the middle of a list. (Cut
    // between two roles it would be a valid, smaller model, and would load as one.)
    const QByteArray full(SmallOrgYaml);
    writeFile(path, full.left(full.indexOf("[Plan the campaigns]") + 5));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window.document()->diagnostics().empty(); }, WaitMs));
    EXPECT_EQ(window.document()->model().roleCount(), roles);
    EXPECT_EQ(window.document()->model().role(window.document()->model().find("cmo")).title, "Brand Director");

    // Truncated to nothing, as some tools do before writing the new text.
    writeFile(path, {});
    QTest::qWait(500);
    EXPECT_EQ(window.document()->model().roleCount(), roles);
    EXPECT_EQ(window.document()->filePath(), path);

    // The finished file loads again.
    writeFile(path, full);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.document()->diagnostics().empty(); }, WaitMs));
    EXPECT_EQ(window.document()->model().roleCount(), roles);
}

TEST(Robustness, CorruptSettingsFileGivesDefaults)
{
    corruptSettings(garbage());
    {
        MainWindow window;
        EXPECT_EQ(window.size(), QSize(1280, 800));
        EXPECT_EQ(window.chartScene()->layoutOptions().orientation, Orientation::TopDown);
        EXPECT_TRUE(window.chartScene()->layoutOptions().compact);
        RecentFiles recent;
        EXPECT_TRUE(recent.files().isEmpty()) << recent.files().join(u',').toStdString();
        window.showBuiltInModel();
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        window.close(); // writes the settings anew
    }
    // What the window wrote replaces the garbage and is read back.
    EXPECT_EQ(QSettings().status(), QSettings::NoError);
    MainWindow again;
    EXPECT_TRUE(again.chartScene()->layoutOptions().compact);

    // An empty settings file (a crash right after truncation) is no problem either.
    corruptSettings({});
    MainWindow fresh;
    EXPECT_EQ(fresh.size(), QSize(1280, 800));
}

TEST(Robustness, CorruptSettingsFileIsReportedWhenTheWindowStarts)
{
    // Qt keeps the settings it has read for the life of a process, so only a program started
    // on the damaged file reads it as such: run the real one, on the window's own settings path.
    // Qt's reader reports few kinds of damage (an unclosed section is one); the rest it reads
    // past silently, which CorruptSettingsFileGivesDefaults covers.
    QTemporaryDir config;
    ASSERT_TRUE(config.isValid());
    const QString file = config.filePath(QStringLiteral("Rolescope/rolescope.conf"));
    ASSERT_TRUE(QDir().mkpath(QFileInfo(file).absolutePath()));
    writeFile(file, "[window\ngeometry=@ByteArray(\\xff\\x00\n[chart]\ncompact=@Variant(\\0\\0\n");

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ROLESCOPE_EXECUTABLE), QStringList());
    ASSERT_TRUE(process.waitForStarted(WaitMs));
    QString errors;
    const bool warned = QTest::qWaitFor(
        [&] {
            errors += QString::fromUtf8(process.readAllStandardError());
            return errors.contains(QStringLiteral("cannot read the settings file"))
                   || process.state() == QProcess::NotRunning;
        },
        3 * WaitMs);
    const bool running = process.state() == QProcess::Running;
    process.terminate();
    if (!process.waitForFinished(WaitMs)) {
        process.kill();
        process.waitForFinished();
    }
    EXPECT_TRUE(warned);
    EXPECT_TRUE(errors.contains(file)) << errors.toStdString();
    EXPECT_TRUE(running) << "the window did not stay up: " << errors.toStdString();
}

TEST(Robustness, ViewingNeverWritesTheModelFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("org.yaml"));
    writeFile(path, SmallOrgYaml);
    const QDateTime before = QFileInfo(path).lastModified();
    QTest::qWait(20); // so that a write would show in the time stamp
    {
        MainWindow window;
        ASSERT_TRUE(window.openFile(path));
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        Document *document = window.document();
        document->selectRole(document->model().find("analyst"));
        document->setCollapsed(document->model().find("cmo"), true);
        ASSERT_TRUE(window.openFile(path)); // opened again, as from the recent files
        window.close();
    }
    EXPECT_EQ(contents(path), QByteArray(SmallOrgYaml));
    EXPECT_EQ(QFileInfo(path).lastModified(), before);
}

TEST(Robustness, ExportingNeverWritesTheModelFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("org.yaml"));
    writeFile(path, SmallOrgYaml);
    const QDateTime before = QFileInfo(path).lastModified();
    QTest::qWait(20);

    const auto run = [](const QStringList &arguments) {
        QProcess process;
        process.start(QStringLiteral(ROLESCOPE_EXECUTABLE), arguments);
        EXPECT_TRUE(process.waitForFinished(60000));
        return process.exitCode();
    };
    for (const char *format : {"png", "svg", "pdf"}) {
        const QString out = dir.filePath(QStringLiteral("chart.") + QLatin1String(format));
        EXPECT_EQ(run({QStringLiteral("export"), path, QStringLiteral("-o"), out}), 0) << format;
        EXPECT_GT(QFileInfo(out).size(), 0) << format;
    }
    // Exporting onto the model file itself by mistake is refused and the model kept.
    EXPECT_NE(run({QStringLiteral("export"), path, QStringLiteral("-o"), path}), 0);

    EXPECT_EQ(contents(path), QByteArray(SmallOrgYaml));
    EXPECT_EQ(QFileInfo(path).lastModified(), before);
}
