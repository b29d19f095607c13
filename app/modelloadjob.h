#pragma once

#include "core/loader.h"

#include <QObject>
#include <QString>

#include <string>
#include <thread>
#include <vector>

namespace rolescope {

// Loads one model file on a thread of its own, so that the window stays usable while a large
// file is parsed; through the ModelCache, so an unchanged file opens again without parsing.
// Progress and the end arrive as queued signals in the creating thread.
class ModelLoadJob : public QObject
{
    Q_OBJECT

public:
    // CACHE_DIRECTORY is the ModelCache's; empty: parse without one.
    ModelLoadJob(const QString &path, const QString &cacheDirectory, QObject *parent = nullptr);
    // Cancels the load and waits for its thread, which stops at its next role.
    ~ModelLoadJob() override;

    QString path() const { return m_path; }
    void start();
    // The loader stops at its next check; finished() follows with a cancelled result.
    void cancel();
    // Valid once finished() was emitted.
    LoadResult takeResult() { return std::move(m_result); }
    // The model's RoleSearchIndex::foldedTexts(), made on the thread too.
    std::vector<std::string> takeSearchText() { return std::move(m_searchText); }
    // The ModelCache::lastEntry() of the load.
    QString cacheEntry() const { return m_cacheEntry; }

signals:
    // Bytes of the file parsed so far, of TOTAL.
    void progressChanged(qint64 done, qint64 total);
    void finished();

private:
    QString m_path;
    QString m_cacheDirectory;
    LoadControl m_control;
    LoadResult m_result;
    std::vector<std::string> m_searchText;
    QString m_cacheEntry;
    std::thread m_thread;
};

} // namespace rolescope
