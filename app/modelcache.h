#pragma once

#include "core/loader.h"
#include "core/overlap.h"

#include <QString>

#include <string>

namespace rolescope {

// Parsed models of large files, kept on disk so that reopening an unchanged file skips the YAML
// parse (seconds for 100,000 roles). An entry is named by a BLAKE2b hash of the file's bytes and
// of the Rolescope build that made it: a file changed in any byte, or a new build of the
// program, is always parsed again. Any damaged or unreadable entry is ignored the same way.
class ModelCache
{
public:
    // Files smaller than this parse in a fraction of a second and are not kept.
    static constexpr qint64 MinimumFileBytes = 1 << 20;
    // At most this many entries and bytes are kept; the least recently used go first.
    static constexpr int MaximumEntries = 8;
    static constexpr qint64 MaximumBytes = qint64(1) << 30;

    // An empty DIRECTORY turns the cache off: every load parses.
    explicit ModelCache(QString directory = standardDirectory());

    // "models" in the user's cache folder; empty before a QCoreApplication exists.
    static QString standardDirectory();

    // Reads PATH; returns the kept model of exactly these bytes when there is one, else parses
    // them (progress and cancel through CONTROL) and keeps the result when it has no errors.
    LoadResult load(const QString &path, LoadControl *control = nullptr) const;

    // Whether the last load() of this object was answered from the cache.
    bool lastLoadWasCached() const { return m_lastLoadWasCached; }
    // The entry that answered the last load() or now keeps its model; empty when there is
    // none (a small or faulty file, no cache, a failure to write). KeptDuties go beside it.
    QString lastEntry() const { return m_lastEntry; }

private:
    friend class KeptDuties;
    QString entryPath(const std::string &bytes) const;
    bool store(const QString &entry, const LoadResult &result) const;
    void dropOldEntries() const;

    QString m_directory;
    mutable bool m_lastLoadWasCached = false;
    mutable QString m_lastEntry;
};

// The terms of a cached model's duties (OverlapOptions::preparedDuties), kept beside its entry:
// reading every duty's words is most of the wait for one role's overlaps in a large model (about
// 3 s of 4 at 100,000 roles), and an analysis of the same file reads them back instead. They go
// with their entry, and count towards the cache's limits.
class KeptDuties
{
public:
    // ENTRY: the ModelCache::lastEntry() of the model's load; empty: nothing is kept or read.
    explicit KeptDuties(const QString &entry);

    // Gives OPTIONS the terms kept, and a place for those the engine makes when it has to read
    // the duties afresh (none kept, or kept by another build or damaged).
    void attach(OverlapOptions &options);
    // Keeps what the engine made, if it made anything, while the entry is there.
    void keep();

private:
    QString m_entry;
    std::string m_kept;
    std::string m_made;
};

// findOverlaps() with the terms kept beside ENTRY (see KeptDuties).
OverlapResult findOverlapsKeepingDuties(const Model &model, OverlapOptions options,
                                        const QString &entry);

} // namespace rolescope
