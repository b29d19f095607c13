#include "app/document.h"
#include "app/modelcache.h"
#include "app/overlapanalysis.h"

#include "core/modelencoding.h"

#include "tests/bench/orggenerator.h"
#include "tests/bench/orgwriter.h"

#include "testmodels.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <sstream>

using namespace rolescope;
using rolescope::testing::SmallOrgYaml;
using rolescope::testing::writeFile;

namespace {

// About 1.5 MB: above the size the cache starts at.
constexpr int CachedRoles = 2000;

QByteArray generatedYaml(int roles, std::uint64_t seed)
{
    std::ostringstream out;
    bench::writeYaml(bench::generateOrg({roles, seed}), out);
    return QByteArray::fromStdString(out.str());
}

// The whole of a load's answer, model and diagnostics, as comparable bytes.
std::string encoded(const LoadResult &result)
{
    return encodeLoadedModel(*result.model, result.diagnostics);
}

class ModelCacheTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_files.isValid());
        ASSERT_TRUE(m_cacheDir.isValid());
    }

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_files.filePath(name);
        writeFile(path, bytes);
        return path;
    }

    QStringList entries() const
    {
        return QDir(m_cacheDir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System);
    }

    QTemporaryDir m_files;
    QTemporaryDir m_cacheDir;
};

} // namespace

TEST_F(ModelCacheTest, AnUnchangedFileOpensAgainFromTheCacheWithTheSameModelAndWarnings)
{
    // An unknown key makes a warning, which must come back too.
    const QString path = write(QStringLiteral("org.yaml"),
                               generatedYaml(CachedRoles, 1) + "unknown_top_level: 1\n");
    ASSERT_GE(QFileInfo(path).size(), ModelCache::MinimumFileBytes);
    ModelCache cache(m_cacheDir.path());

    const LoadResult parsed = cache.load(path);
    ASSERT_TRUE(parsed.ok());
    EXPECT_FALSE(cache.lastLoadWasCached());
    ASSERT_FALSE(parsed.diagnostics.empty());
    EXPECT_EQ(entries().size(), 1);

    const LoadResult cached = cache.load(path);
    ASSERT_TRUE(cached.ok());
    EXPECT_TRUE(cache.lastLoadWasCached());
    EXPECT_EQ(encoded(cached), encoded(parsed));
    EXPECT_EQ(cached.model->roleCount(), CachedRoles);
    EXPECT_EQ(cached.model->topRoles().size(), parsed.model->topRoles().size());
}

TEST_F(ModelCacheTest, AFileChangedInOneByteIsParsedAgainEvenWithItsOldTimeStamp)
{
    QByteArray yaml = generatedYaml(CachedRoles, 2);
    const QString path = write(QStringLiteral("org.yaml"), yaml);
    ModelCache cache(m_cacheDir.path());
    ASSERT_TRUE(cache.load(path).ok());
    const QDateTime stamp = QFileInfo(path).lastModified();

    // The first role's title, one letter changed in place: same size, same time stamp.
    const qsizetype title = yaml.indexOf("title: ") + 7;
    yaml[title] = yaml[title] == 'X' ? 'Y' : 'X';
    writeFile(path, yaml);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    ASSERT_TRUE(file.setFileTime(stamp, QFileDevice::FileModificationTime));
    file.close();

    const LoadResult again = cache.load(path);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(cache.lastLoadWasCached());
    EXPECT_EQ(again.model->role(0).title[0], yaml[title]);
}

TEST_F(ModelCacheTest, AFileWithErrorsIsNeverKept)
{
    // A second top-level roles key: the file has an error.
    const QString path = write(QStringLiteral("broken.yaml"),
                               generatedYaml(CachedRoles, 3) + "roles: 7\n");
    ModelCache cache(m_cacheDir.path());
    const LoadResult first = cache.load(path);
    EXPECT_FALSE(first.ok());
    EXPECT_TRUE(entries().isEmpty());
    const LoadResult second = cache.load(path);
    EXPECT_FALSE(second.ok());
    EXPECT_FALSE(cache.lastLoadWasCached());
    EXPECT_EQ(second.diagnostics.size(), first.diagnostics.size());
}

TEST_F(ModelCacheTest, ADamagedEntryIsParsedAgainAndReplaced)
{
    const QString path = write(QStringLiteral("org.yaml"), generatedYaml(CachedRoles, 4));
    ModelCache cache(m_cacheDir.path());
    const LoadResult parsed = cache.load(path);
    ASSERT_EQ(entries().size(), 1);
    const QString entry = m_cacheDir.filePath(entries().front());
    QFile file(entry);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    file.seek(file.size() / 2);
    file.write("damaged");
    file.close();

    const LoadResult again = cache.load(path);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(cache.lastLoadWasCached());
    EXPECT_EQ(encoded(again), encoded(parsed));
    const LoadResult third = cache.load(path);
    EXPECT_TRUE(cache.lastLoadWasCached());
    EXPECT_EQ(encoded(third), encoded(parsed));
}

TEST_F(ModelCacheTest, SmallFilesAndAnEmptyDirectoryAreNotCached)
{
    const QString small = write(QStringLiteral("small.yaml"), SmallOrgYaml);
    ModelCache cache(m_cacheDir.path());
    ASSERT_TRUE(cache.load(small).ok());
    ASSERT_TRUE(cache.load(small).ok());
    EXPECT_FALSE(cache.lastLoadWasCached());
    EXPECT_TRUE(entries().isEmpty());

    const QString large = write(QStringLiteral("org.yaml"), generatedYaml(CachedRoles, 5));
    ModelCache off{QString()};
    ASSERT_TRUE(off.load(large).ok());
    ASSERT_TRUE(off.load(large).ok());
    EXPECT_FALSE(off.lastLoadWasCached());
}

TEST_F(ModelCacheTest, AMissingFileIsReportedAsUnreadable)
{
    ModelCache cache(m_cacheDir.path());
    const LoadResult result = cache.load(m_files.filePath(QStringLiteral("missing.yaml")));
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.readFailed);
}

TEST_F(ModelCacheTest, OnlyTheMostRecentlyUsedEntriesAreKept)
{
    ModelCache cache(m_cacheDir.path());
    const QString first = write(QStringLiteral("first.yaml"), generatedYaml(CachedRoles, 10));
    ASSERT_TRUE(cache.load(first).ok());
    for (int i = 1; i <= ModelCache::MaximumEntries; ++i) {
        const QString path = write(QStringLiteral("org%1.yaml").arg(i),
                                   generatedYaml(CachedRoles, 10 + std::uint64_t(i)));
        ASSERT_TRUE(cache.load(path).ok());
    }
    EXPECT_EQ(entries().size(), ModelCache::MaximumEntries);
    // The oldest went; the newest is still there.
    ASSERT_TRUE(cache.load(first).ok());
    EXPECT_FALSE(cache.lastLoadWasCached());
    ASSERT_TRUE(cache.load(m_files.filePath(
                                QStringLiteral("org%1.yaml").arg(ModelCache::MaximumEntries)))
                    .ok());
    EXPECT_TRUE(cache.lastLoadWasCached());
}

TEST_F(ModelCacheTest, TheWindowOpensAnUnchangedLargeFileAgainWithoutParsingIt)
{
    const QString path = write(QStringLiteral("org.yaml"), generatedYaml(CachedRoles, 6));
    Document document;
    document.setModelCacheDirectory(m_cacheDir.path());
    QSignalSpy progress(&document, &Document::loadProgress);
    QSignalSpy finished(&document, &Document::loadFinished);

    document.loadInBackground(path);
    ASSERT_TRUE(finished.wait(60000));
    ASSERT_EQ(document.model().roleCount(), CachedRoles);
    // Parsing reports progress in many steps.
    EXPECT_GT(progress.count(), 2);
    const Model first = document.model();

    progress.clear();
    document.loadInBackground(path);
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_TRUE(finished.back().at(1).toBool()) << "ok";
    // The kept model arrives whole: one step, from nothing to the end of the file.
    ASSERT_EQ(progress.count(), 1);
    EXPECT_EQ(progress.front().at(0).toLongLong(), QFileInfo(path).size());
    EXPECT_EQ(encodeLoadedModel(document.model(), {}), encodeLoadedModel(first, {}));
}

// What reading a large model's duties' words makes is kept beside its entry, and goes with it.
TEST_F(ModelCacheTest, KeptDutiesAreReadBackAndGoWithTheirEntry)
{
    ModelCache cache(m_cacheDir.path());
    const QString first = write(QStringLiteral("first.yaml"), generatedYaml(CachedRoles, 20));
    const LoadResult loaded = cache.load(first);
    ASSERT_TRUE(loaded.ok());
    const QString entry = cache.lastEntry();
    ASSERT_EQ(entries(), QStringList{QFileInfo(entry).fileName()});
    OverlapOptions options;
    options.roles = {7};
    const OverlapResult fresh = findOverlaps(*loaded.model, options);
    {
        KeptDuties kept(entry);
        kept.attach(options);
        EXPECT_TRUE(options.preparedDuties.empty());
        findOverlaps(*loaded.model, options);
        kept.keep();
    }
    ASSERT_EQ(entries().size(), 2);
    {
        KeptDuties kept(entry);
        OverlapOptions readBack;
        readBack.roles = {7};
        kept.attach(readBack);
        EXPECT_FALSE(readBack.preparedDuties.empty());
        const OverlapResult result = findOverlaps(*loaded.model, readBack);
        EXPECT_TRUE(readBack.preparedDutiesOut->empty()); // read back, nothing made
        ASSERT_EQ(result.rolePairs.size(), fresh.rolePairs.size());
        for (size_t i = 0; i < result.rolePairs.size(); ++i)
            EXPECT_EQ(result.rolePairs[i].score, fresh.rolePairs[i].score);
    }
    // Nothing is kept without an entry, and small files have none.
    OverlapOptions none;
    KeptDuties(QString()).attach(none);
    EXPECT_EQ(none.preparedDutiesOut, nullptr);
    ASSERT_TRUE(cache.load(write(QStringLiteral("small.yaml"), SmallOrgYaml)).ok());
    EXPECT_TRUE(cache.lastEntry().isEmpty());

    // Terms left by an entry dropped meanwhile go at the next change.
    writeFile(m_cacheDir.filePath(QStringLiteral("0123abcd.rsduties")), "stale");
    for (int i = 1; i <= ModelCache::MaximumEntries; ++i) {
        const QString path = write(QStringLiteral("org%1.yaml").arg(i),
                                   generatedYaml(CachedRoles, 20 + std::uint64_t(i)));
        ASSERT_TRUE(cache.load(path).ok());
    }
    // The oldest entry went, with its terms.
    EXPECT_EQ(entries().size(), ModelCache::MaximumEntries);
    EXPECT_TRUE(entries().filter(QStringLiteral(".rsduties")).isEmpty());
}

TEST_F(ModelCacheTest, TheWindowReadsTheDutiesOfAnUnchangedLargeFileBack)
{
    const QString path = write(QStringLiteral("org.yaml"), generatedYaml(CachedRoles, 30));
    auto analyse = [&](std::vector<double> &scores) {
        Document document;
        document.setModelCacheDirectory(m_cacheDir.path());
        // A model of this size is analysed whole as soon as it is shown.
        OverlapAnalysis analysis(&document);
        QSignalSpy finished(&document, &Document::loadFinished);
        QSignalSpy ready(&analysis, &OverlapAnalysis::resultReady);
        document.loadInBackground(path);
        ASSERT_TRUE(finished.wait(60000));
        ASSERT_FALSE(document.cacheEntry().isEmpty());
        ASSERT_TRUE(ready.wait(60000));
        scores = analysis.scoresAgainst(5);
        document.setModel(Model());
        EXPECT_TRUE(document.cacheEntry().isEmpty());
    };
    std::vector<double> first;
    analyse(first);
    const QStringList kept = entries().filter(QStringLiteral(".rsduties"));
    ASSERT_EQ(kept.size(), 1);
    const QString keptPath = m_cacheDir.filePath(kept.front());
    const QDateTime longAgo(QDate(2001, 1, 1), QTime(0, 0));
    {
        QFile file(keptPath);
        ASSERT_TRUE(file.open(QIODevice::ReadWrite));
        ASSERT_TRUE(file.setFileTime(longAgo, QFileDevice::FileModificationTime));
    }
    std::vector<double> again;
    analyse(again);
    EXPECT_EQ(again, first);
    EXPECT_GT(std::count_if(first.begin(), first.end(), [](double s) { return s > 0; }), 0);
    // Read back, not made and written again.
    EXPECT_EQ(QFileInfo(keptPath).lastModified(), longAgo);
}
