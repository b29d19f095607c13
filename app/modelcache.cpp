#include "app/modelcache.h"

#include "core/modelencoding.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace rolescope {

namespace {

const QString EntrySuffix = QStringLiteral(".rsmodel");
const QString KeptDutiesSuffix = QStringLiteral(".rsduties");

QString keptDutiesPath(const QString &entry)
{
    return entry.chopped(EntrySuffix.size()) + KeptDutiesSuffix;
}

// What makes one build of Rolescope differ from another for the cache: a build may parse or
// check differently, so its entries must not answer another build's loads.
QByteArray buildStamp()
{
    const QFileInfo program(QCoreApplication::applicationFilePath());
    return QCoreApplication::applicationVersion().toUtf8() + '\n'
           + program.absoluteFilePath().toUtf8() + '\n'
           + QByteArray::number(program.size()) + '\n'
           + QByteArray::number(program.lastModified().toMSecsSinceEpoch());
}

} // namespace

ModelCache::ModelCache(QString directory)
    : m_directory(std::move(directory))
{
}

QString ModelCache::standardDirectory()
{
    if (!QCoreApplication::instance())
        return {};
    const QString base = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return base.isEmpty() ? QString() : base + QStringLiteral("/models");
}

LoadResult ModelCache::load(const QString &path, LoadControl *control) const
{
    m_lastLoadWasCached = false;
    m_lastEntry.clear();
    const LoadLimits limits;
    ModelFileBytes file = readModelFile(QFile::encodeName(path).toStdString(), limits);
    if (file.failure)
        return std::move(*file.failure);
    if (m_directory.isEmpty() || qint64(file.bytes.size()) < MinimumFileBytes)
        return loadModelFromBytes(file.bytes, limits, control);

    const QString entry = entryPath(file.bytes);
    QFile kept(entry);
    if (kept.open(QIODevice::ReadOnly)) {
        const qint64 fileBytes = qint64(file.bytes.size());
        // The file's bytes are not needed to decode: letting them go first keeps the peak low.
        std::string().swap(file.bytes);
        std::optional<LoadResult> cached;
        if (const uchar *mapped = kept.map(0, kept.size())) {
            cached = decodeLoadedModel(std::string_view(reinterpret_cast<const char *>(mapped),
                                                        static_cast<size_t>(kept.size())));
            kept.unmap(const_cast<uchar *>(mapped));
        }
        kept.close();
        if (!cached) {
            // Damaged or unreadable: parse the file as if the entry were not there, and keep
            // the new one, unless the old one cannot even be removed.
            QFile::remove(keptDutiesPath(entry));
            if (QFile::remove(entry))
                return load(path, control);
            return loadModelFromFile(QFile::encodeName(path).toStdString(), limits, control);
        }
        m_lastLoadWasCached = true;
        m_lastEntry = entry;
        // Recently used entries are the last to be dropped.
        if (kept.open(QIODevice::ReadWrite))
            kept.setFileTime(QDateTime::currentDateTime(), QFileDevice::FileModificationTime);
        if (control && control->progress)
            control->progress(std::uint64_t(fileBytes), std::uint64_t(fileBytes));
        if (control && control->cancelled) {
            LoadResult cancelled;
            cancelled.cancelled = true;
            return cancelled;
        }
        return std::move(*cached);
    }

    LoadResult result = loadModelFromBytes(file.bytes, limits, control);
    if (result.ok() && store(entry, result))
        m_lastEntry = entry;
    return result;
}

QString ModelCache::entryPath(const std::string &bytes) const
{
    QCryptographicHash hash(QCryptographicHash::Blake2b_256);
    hash.addData(buildStamp());
    hash.addData(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
    return m_directory + QLatin1Char('/') + QString::fromLatin1(hash.result().toHex())
           + EntrySuffix;
}

bool ModelCache::store(const QString &entry, const LoadResult &result) const
{
    // The cache only saves time: a failure to write an entry is not the user's concern.
    if (!QDir().mkpath(m_directory))
        return false;
    const std::string encoded = encodeLoadedModel(*result.model, result.diagnostics);
    QSaveFile file(entry);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(encoded.data(), static_cast<qint64>(encoded.size()));
    if (!file.commit())
        return false;
    dropOldEntries();
    return QFileInfo::exists(entry);
}

void ModelCache::dropOldEntries() const
{
    const QDir directory(m_directory);
    const QFileInfoList entries
        = directory.entryInfoList({QLatin1Char('*') + EntrySuffix}, QDir::Files, QDir::Time);
    qint64 bytes = 0;
    for (int i = 0; i < entries.size(); ++i) {
        const QString entry = entries[i].absoluteFilePath();
        const QFileInfo kept(keptDutiesPath(entry));
        bytes += entries[i].size() + (kept.exists() ? kept.size() : 0);
        if (i >= MaximumEntries || bytes > MaximumBytes) {
            QFile::remove(entry);
            QFile::remove(kept.absoluteFilePath());
        }
    }
    // Kept terms whose entry is gone (another process dropped it meanwhile).
    for (const QFileInfo &kept :
         directory.entryInfoList({QLatin1Char('*') + KeptDutiesSuffix}, QDir::Files)) {
        const QString path = kept.absoluteFilePath();
        if (!QFileInfo::exists(path.chopped(KeptDutiesSuffix.size()) + EntrySuffix))
            QFile::remove(path);
    }
}

KeptDuties::KeptDuties(const QString &entry)
    : m_entry(entry)
{
    if (m_entry.isEmpty())
        return;
    QFile file(keptDutiesPath(m_entry));
    if (file.open(QIODevice::ReadOnly)) {
        m_kept.resize(static_cast<size_t>(file.size()));
        if (file.read(m_kept.data(), file.size()) != file.size())
            m_kept.clear();
    }
}

void KeptDuties::attach(OverlapOptions &options)
{
    if (m_entry.isEmpty())
        return;
    options.preparedDuties = m_kept;
    options.preparedDutiesOut = &m_made;
}

void KeptDuties::keep()
{
    if (m_made.empty() || !QFileInfo::exists(m_entry))
        return;
    QSaveFile file(keptDutiesPath(m_entry));
    if (file.open(QIODevice::WriteOnly)
        && file.write(m_made.data(), qint64(m_made.size())) == qint64(m_made.size())
        && file.commit()) {
        ModelCache(QFileInfo(m_entry).absolutePath()).dropOldEntries();
    }
    std::string().swap(m_made);
}

OverlapResult findOverlapsKeepingDuties(const Model &model, OverlapOptions options,
                                        const QString &entry)
{
    KeptDuties kept(entry);
    kept.attach(options);
    OverlapResult result = findOverlaps(model, options);
    kept.keep();
    return result;
}

} // namespace rolescope
