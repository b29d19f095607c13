#include "app/filewatcher.h"

#include <QFileInfo>

namespace rolescope {

namespace {

// Editors write a file in several steps; reading it between them would show a half file.
constexpr int SettleMilliseconds = 150;

} // namespace

FileWatcher::FileWatcher(QObject *parent)
    : QObject(parent)
{
    m_settleTimer.setSingleShot(true);
    m_settleTimer.setInterval(SettleMilliseconds);
    connect(&m_settleTimer, &QTimer::timeout, this, &FileWatcher::report);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        m_fileSignalled = true;
        onChange();
    });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &FileWatcher::onChange);
}

void FileWatcher::setPath(const QString &path)
{
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == m_path)
        return;
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_settleTimer.stop();
    m_fileSignalled = false;
    m_path = absolute;
    if (m_path.isEmpty())
        return;
    // The directory tells about a file replaced by rename, or deleted and created again.
    m_watcher.addPath(QFileInfo(m_path).absolutePath());
    if (QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
    m_stamp = stampOf();
}

FileWatcher::Stamp FileWatcher::stampOf() const
{
    const QFileInfo info(m_path);
    Stamp stamp;
    stamp.exists = info.exists();
    if (stamp.exists) {
        stamp.modified = info.lastModified();
        stamp.size = info.size();
    }
    return stamp;
}

void FileWatcher::onChange()
{
    if (!m_path.isEmpty())
        m_settleTimer.start();
}

void FileWatcher::report()
{
    // A replaced file is a new inode: watch it again.
    if (QFileInfo::exists(m_path) && !m_watcher.files().contains(m_path))
        m_watcher.addPath(m_path);
    const Stamp stamp = stampOf();
    const bool fileSignalled = m_fileSignalled;
    m_fileSignalled = false;
    // The directory also changes for other files in it; only this file's change counts.
    if (!stamp.exists || (stamp == m_stamp && !fileSignalled))
        return;
    m_stamp = stamp;
    emit fileChanged(m_path);
}

} // namespace rolescope
