#include "app/recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace rolescope {

namespace {

const QString SettingsKey = QStringLiteral("recentFiles");

} // namespace

RecentFiles::RecentFiles(QObject *parent)
    : QObject(parent)
{
}

QStringList RecentFiles::files() const
{
    return QSettings().value(SettingsKey).toStringList();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > MaxFiles)
        list.removeLast();
    store(list);
}

void RecentFiles::remove(const QString &path)
{
    QStringList list = files();
    list.removeAll(path);
    store(list);
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QStringList &list)
{
    QSettings().setValue(SettingsKey, list);
    emit changed();
}

} // namespace rolescope
