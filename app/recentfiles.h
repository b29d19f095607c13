#pragma once

#include <QObject>
#include <QStringList>

namespace rolescope {

// The most recently opened model files, newest first, kept in QSettings.
class RecentFiles : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxFiles = 10;

    explicit RecentFiles(QObject *parent = nullptr);

    QStringList files() const;
    void add(const QString &path);
    void remove(const QString &path);
    void clear();

signals:
    void changed();

private:
    void store(const QStringList &files);
};

} // namespace rolescope
