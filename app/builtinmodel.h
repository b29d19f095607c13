#pragma once

#include "core/loader.h"

#include <QByteArray>
#include <QString>

namespace rolescope {

// The model Rolescope shows when no file is given: the organisation of the seed text,
// embedded in the executable as a Qt resource.
QByteArray builtInModelBytes();
QString builtInModelDisplayName(); // used in diagnostics and the title bar
LoadResult loadBuiltInModel();

// Loads FILE, or the built-in model when the path is empty, or standard input for "-".
LoadResult loadModelFromPath(const QString &path);
// The name diagnostics use for that path ("<built-in>", "<stdin>", or the path as given).
QString displayNameForPath(const QString &path);

} // namespace rolescope
