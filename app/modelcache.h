#pragma once

#include "core/loader.h"

#include <QString>

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

private:
    QString entryPath(const std::string &bytes) const;
    void store(const QString &entry, const LoadResult &result) const;
    void dropOldEntries() const;

    QString m_directory;
    mutable bool m_lastLoadWasCached = false;
};

} // namespace rolescope
