#pragma once

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace rolescope {

// Tells when a file changed on disk, including when an editor saves by writing a new file
// and renaming it over the old one (which ends a plain QFileSystemWatcher's watch). Bursts of
// change notifications for one save are reported once.
class FileWatcher : public QObject
{
    Q_OBJECT

public:
    explicit FileWatcher(QObject *parent = nullptr);

    QString path() const { return m_path; }
    // Watches PATH; an empty path stops watching.
    void setPath(const QString &path);

signals:
    void fileChanged(const QString &path);

private:
    struct Stamp
    {
        bool exists = false;
        QDateTime modified;
        qint64 size = -1;
        friend bool operator==(const Stamp &, const Stamp &) = default;
    };
    Stamp stampOf() const;
    void onChange();
    void report();

    QFileSystemWatcher m_watcher;
    QTimer m_settleTimer;
    QString m_path;
    Stamp m_stamp;
    bool m_fileSignalled = false;
};

} // namespace rolescope
