#include "app/modelcache.h"

#include "testmodels.h"
#include "testprocess.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

using rolescope::testing::branchLedgersYaml;
using rolescope::testing::commandCacheHome;
using rolescope::testing::ProcessOptions;
using rolescope::testing::ProcessResult;
using rolescope::testing::runRolescope;
using rolescope::testing::writeFile;

namespace {

ProcessOptions inDirectory(const QString &path)
{
    ProcessOptions options;
    options.workingDirectory = path;
    return options;
}

QString checkDataDir()
{
    return QStringLiteral(ROLESCOPE_TEST_DATA_DIR "/check");
}

} // namespace

// Every file under tests/data/check has the exact `rolescope check` output beside it.
TEST(CheckCommand, PrintsTheExpectedDiagnosticsForEveryTestFile)
{
    const QDir dir(checkDataDir());
    const QStringList models = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    ASSERT_GE(models.size(), 15);
    for (const QString &model : models) {
        QFile expectedFile(dir.filePath(QFileInfo(model).completeBaseName() + QStringLiteral(".expected")));
        ASSERT_TRUE(expectedFile.open(QIODevice::ReadOnly)) << qPrintable(expectedFile.fileName());
        const QString expected = QString::fromUtf8(expectedFile.readAll());
        const ProcessResult run = runRolescope({QStringLiteral("check"), model}, inDirectory(dir.path()));
        EXPECT_EQ(run.out, expected) << qPrintable(model);
        const int expectedExit = expected.contains(QStringLiteral(": error: ")) ? 1 : 0;
        EXPECT_EQ(run.exitCode, expectedExit) << qPrintable(model);
    }
}

TEST(CheckCommand, BuiltInModelIsClean)
{
    const ProcessResult run = runRolescope({QStringLiteral("check")});
    EXPECT_EQ(run.exitCode, 0) << qPrintable(run.out + run.err);
    EXPECT_TRUE(run.out.startsWith(QStringLiteral("<built-in>: no problems"))) << qPrintable(run.out);
}

TEST(CheckCommand, JsonOutputListsEveryDiagnostic)
{
    const ProcessResult run = runRolescope({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("json"),
                                  QStringLiteral("references.yaml")},
                                 inDirectory(checkDataDir()));
    EXPECT_EQ(run.exitCode, 1);
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(run.out.toUtf8(), &parseError);
    ASSERT_EQ(parseError.error, QJsonParseError::NoError) << qPrintable(run.out);
    const QJsonObject root = json.object();
    EXPECT_EQ(root.value(QStringLiteral("file")).toString(), QStringLiteral("references.yaml"));
    EXPECT_EQ(root.value(QStringLiteral("errors")).toInt(), 3);
    const QJsonArray diagnostics = root.value(QStringLiteral("diagnostics")).toArray();
    ASSERT_EQ(diagnostics.size(), 3);
    const QJsonObject first = diagnostics.at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("code")).toString(), QStringLiteral("unknown-role"));
    EXPECT_EQ(first.value(QStringLiteral("line")).toInt(), 6);
    EXPECT_EQ(first.value(QStringLiteral("column")).toInt(), 17);
    EXPECT_EQ(first.value(QStringLiteral("role")).toString(), QStringLiteral("a"));
    EXPECT_EQ(first.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
}

TEST(CheckCommand, ReadsStandardInput)
{
    ProcessOptions options;
    options.input = "organization: {name: X}\nroles: [{id: a, title: A, reports_to: b}]\n";
    const ProcessResult run = runRolescope({QStringLiteral("check"), QStringLiteral("-")}, options);
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.out.startsWith(QStringLiteral("<stdin>:2:39: error: "))) << qPrintable(run.out);
}

TEST(CheckCommand, UnreadablePathsExitWithThree)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const ProcessResult missing = runRolescope({QStringLiteral("check"), dir.filePath(QStringLiteral("absent.yaml"))});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_TRUE(missing.out.contains(QStringLiteral("[file-unreadable]"))) << qPrintable(missing.out);
    const ProcessResult directory = runRolescope({QStringLiteral("check"), dir.path()});
    EXPECT_EQ(directory.exitCode, 3);
    EXPECT_TRUE(directory.out.contains(QStringLiteral("[not-a-regular-file]"))) << qPrintable(directory.out);
}

TEST(CommandLine, UsageErrorsExitWithTwo)
{
    EXPECT_EQ(runRolescope({QStringLiteral("check"), QStringLiteral("--no-such-option")}).exitCode, 2);
    EXPECT_EQ(runRolescope({QStringLiteral("check"), QStringLiteral("a.yaml"), QStringLiteral("b.yaml")}).exitCode, 2);
    EXPECT_EQ(runRolescope({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("xml")}).exitCode, 2);
}

TEST(CommandLine, HelpAndVersion)
{
    const ProcessResult version = runRolescope({QStringLiteral("--version")});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith(QStringLiteral("rolescope "))) << qPrintable(version.out);
    const ProcessResult help = runRolescope({QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("check"))) << qPrintable(help.out);
    const ProcessResult checkHelp = runRolescope({QStringLiteral("check"), QStringLiteral("--help")});
    EXPECT_EQ(checkHelp.exitCode, 0);
    EXPECT_TRUE(checkHelp.out.contains(QStringLiteral("--format"))) << qPrintable(checkHelp.out);
}

TEST(OverlapsCommand, BuiltInModelListsTheSeedOverlapsAsJson)
{
    const ProcessResult run = runRolescope({QStringLiteral("overlaps"), QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(run.exitCode, 0) << qPrintable(run.err);
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8(), &parseError).object();
    ASSERT_EQ(parseError.error, QJsonParseError::NoError) << qPrintable(run.out);
    EXPECT_EQ(root.value(QStringLiteral("threshold")).toDouble(), 0.5);
    QStringList seedTags;
    for (const QJsonValue &value : root.value(QStringLiteral("overlaps")).toArray()) {
        const QJsonObject overlap = value.toObject();
        if (overlap.value(QStringLiteral("kind")).toString() == QLatin1String("tag"))
            seedTags += overlap.value(QStringLiteral("terms")).toArray().at(0).toString();
    }
    seedTags.sort();
    EXPECT_EQ(seedTags, QStringList({QStringLiteral("market-research"), QStringLiteral("marketing-planning"),
                                     QStringLiteral("sales-channels")}));
    EXPECT_FALSE(root.value(QStringLiteral("role_pairs")).toArray().isEmpty());
}

TEST(OverlapsCommand, CsvHasOneRowPerOverlap)
{
    const ProcessResult json = runRolescope({QStringLiteral("overlaps"), QStringLiteral("--format"), QStringLiteral("json")});
    const ProcessResult csv = runRolescope({QStringLiteral("overlaps"), QStringLiteral("--format"), QStringLiteral("csv")});
    ASSERT_EQ(csv.exitCode, 0) << qPrintable(csv.err);
    const qsizetype overlaps = QJsonDocument::fromJson(json.out.toUtf8())
                                   .object()
                                   .value(QStringLiteral("overlaps"))
                                   .toArray()
                                   .size();
    EXPECT_TRUE(csv.out.startsWith(QStringLiteral("score,kind,reason,role_a,"))) << qPrintable(csv.out);
    EXPECT_EQ(csv.out.count(QStringLiteral("\r\n")), overlaps + 1);
}

// --role lists what the whole listing says about that role, and nothing else.
TEST(OverlapsCommand, RoleListsOnlyThatRolesOverlaps)
{
    const ProcessResult whole = runRolescope({QStringLiteral("overlaps"), QStringLiteral("--format"), QStringLiteral("csv")});
    const ProcessResult part = runRolescope({QStringLiteral("overlaps"), QStringLiteral("--format"), QStringLiteral("csv"),
                                             QStringLiteral("--role"), QStringLiteral("sales-manager")});
    ASSERT_EQ(part.exitCode, 0) << qPrintable(part.err);
    QStringList expected;
    for (const QString &row : whole.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts)) {
        if (expected.isEmpty() || row.contains(QStringLiteral(",sales-manager,")))
            expected += row;
    }
    EXPECT_GT(expected.size(), 3); // the header and the sales manager's overlaps
    EXPECT_LT(expected.size(), whole.out.count(QStringLiteral("\r\n")));
    EXPECT_EQ(part.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts), expected);

    const ProcessResult unknown = runRolescope({QStringLiteral("overlaps"), QStringLiteral("--role"), QStringLiteral("nobody")});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("'nobody'"))) << qPrintable(unknown.err);
}

// At 100,000 roles reading the file is most of `overlaps --role`, and reading its duties' words
// most of the rest: a large file read again unchanged comes from the entry of the cache of
// parsed files that the first run kept, its duties' terms from beside it, and a changed one is
// always parsed again.
TEST(OverlapsCommand, ALargeFileReadAgainUnchangedComesFromTheCache)
{
    auto cacheEntries = [] {
        QStringList entries;
        QDirIterator it(commandCacheHome(), {QStringLiteral("*.rsmodel")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            entries += it.next();
        return entries;
    };
    auto modifiedAt = [](const QString &path) { return QFileInfo(path).lastModified(); };
    const QTemporaryDir dir;
    const QString model = dir.filePath(QStringLiteral("large.yaml"));
    QByteArray yaml = branchLedgersYaml(12000);
    ASSERT_GE(yaml.size(), rolescope::ModelCache::MinimumFileBytes);
    writeFile(model, yaml);
    const QStringList arguments{QStringLiteral("overlaps"), model, QStringLiteral("--role"),
                                QStringLiteral("r100"), QStringLiteral("--format"),
                                QStringLiteral("csv")};
    const QStringList entriesBefore = cacheEntries();

    const ProcessResult first = runRolescope(arguments);
    ASSERT_EQ(first.exitCode, 0) << qPrintable(first.err);
    QStringList kept = cacheEntries();
    for (const QString &entry : entriesBefore)
        kept.removeAll(entry);
    ASSERT_EQ(kept.size(), 1);
    // Answering from an entry marks it recently used.
    const QDateTime longAgo(QDate(2001, 1, 1), QTime(0, 0));
    {
        QFile entry(kept.front());
        ASSERT_TRUE(entry.open(QIODevice::ReadWrite));
        ASSERT_TRUE(entry.setFileTime(longAgo, QFileDevice::FileModificationTime));
    }
    // The terms are read back, not made and written again.
    const QString keptDuties = kept.front().chopped(QStringLiteral(".rsmodel").size())
                               + QStringLiteral(".rsduties");
    ASSERT_TRUE(QFileInfo::exists(keptDuties));
    auto setLongAgo = [&](const QString &path) {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadWrite));
        ASSERT_TRUE(file.setFileTime(longAgo, QFileDevice::FileModificationTime));
    };
    setLongAgo(keptDuties);
    const ProcessResult again = runRolescope(arguments);
    ASSERT_EQ(again.exitCode, 0) << qPrintable(again.err);
    EXPECT_EQ(again.out, first.out);
    EXPECT_GT(modifiedAt(kept.front()), longAgo.addYears(10));
    EXPECT_EQ(modifiedAt(keptDuties), longAgo);

    // Damaged, they are made again from the words, with the same answer.
    const qint64 keptSize = QFileInfo(keptDuties).size();
    {
        QFile file(keptDuties);
        ASSERT_TRUE(file.open(QIODevice::ReadWrite));
        ASSERT_TRUE(file.resize(keptSize / 2));
    }
    setLongAgo(keptDuties);
    const ProcessResult repaired = runRolescope(arguments);
    ASSERT_EQ(repaired.exitCode, 0) << qPrintable(repaired.err);
    EXPECT_EQ(repaired.out, first.out);
    EXPECT_EQ(QFileInfo(keptDuties).size(), keptSize);
    EXPECT_GT(modifiedAt(keptDuties), longAgo.addYears(10));

    // r100 and r200 now share a duty word for word.
    for (const char *role : {"100", "200"})
        yaml.replace("Unique task number " + QByteArray(role) + "\n",
                     "Audit the canteen hygiene records\n");
    writeFile(model, yaml);
    const ProcessResult changed = runRolescope(arguments);
    ASSERT_EQ(changed.exitCode, 0) << qPrintable(changed.err);
    EXPECT_FALSE(first.out.contains(QStringLiteral(",r200,"))) << qPrintable(first.out);
    EXPECT_TRUE(changed.out.contains(QStringLiteral(",r200,"))) << qPrintable(changed.out);
}

TEST(OverlapsCommand, BadOptionsExitWithTwo)
{
    EXPECT_EQ(runRolescope({QStringLiteral("overlaps"), QStringLiteral("--min-score"), QStringLiteral("1.5")}).exitCode, 2);
    EXPECT_EQ(runRolescope({QStringLiteral("overlaps"), QStringLiteral("--min-score"), QStringLiteral("high")}).exitCode, 2);
    EXPECT_EQ(runRolescope({QStringLiteral("overlaps"), QStringLiteral("--format"), QStringLiteral("xml")}).exitCode, 2);
    // An empty id is a slip, not "every role": the whole listing can run to gigabytes.
    const ProcessResult emptyId = runRolescope({QStringLiteral("overlaps"), QStringLiteral("--role"),
                                                QStringLiteral("sales-manager,,product-manager")});
    EXPECT_EQ(emptyId.exitCode, 2);
    EXPECT_TRUE(emptyId.err.contains(QStringLiteral("no role has the id ''"))) << qPrintable(emptyId.err);
    EXPECT_EQ(emptyId.out, QString());
}

// A listing that could not be written (a full disk) must not look like success to a script.
TEST(OverlapsCommand, AnOutputThatCannotBeWrittenExitsWithThree)
{
    ProcessOptions options;
    options.childSetup = [] {
        const int full = ::open("/dev/full", O_WRONLY);
        if (full >= 0)
            ::dup2(full, STDOUT_FILENO);
    };
    const ProcessResult run = runRolescope({QStringLiteral("overlaps")}, options);
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_TRUE(run.err.contains(QStringLiteral("Could not write"))) << qPrintable(run.err);
}
