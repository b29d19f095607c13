#include "app/builtinmodel.h"

#include <QFile>

namespace rolescope {

QByteArray builtInModelBytes()
{
    QFile file(QStringLiteral(":/models/default.yaml"));
    // The resource is compiled in; failing to open it means a broken build, not bad input.
    if (!file.open(QIODevice::ReadOnly))
        qFatal("The built-in model resource is missing from this build");
    return file.readAll();
}

QString builtInModelDisplayName()
{
    return QStringLiteral("<built-in>");
}

LoadResult loadBuiltInModel()
{
    const QByteArray bytes = builtInModelBytes();
    return loadModelFromBytes(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())));
}

LoadResult loadModelFromPath(const QString &path)
{
    if (path.isEmpty())
        return loadBuiltInModel();
    if (path == QLatin1String("-"))
        return loadModelFromStdin();
    return loadModelFromFile(QFile::encodeName(path).toStdString());
}

QString displayNameForPath(const QString &path)
{
    if (path.isEmpty())
        return builtInModelDisplayName();
    if (path == QLatin1String("-"))
        return QStringLiteral("<stdin>");
    return path;
}

} // namespace rolescope
