#pragma once

#include "core/loader.h"

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace rolescope {

// Parses a subcommand's ARGUMENTS (the command name first) with PARSER, which gets a --help
// option. Returns -1 to go on, or the exit code to stop with: --help printed, or a usage
// error reported on stderr.
int parseOrExit(QCommandLineParser &parser, const QStringList &arguments, int maxPositional);

// Loads the model named by a subcommand's FILE argument (empty: the built-in model, "-":
// standard input) and prints its diagnostics on stderr as FILE:LINE:COLUMN: lines. Returns the
// exit code to stop with, or -1 when RESULT holds a model to work on.
int loadForCommand(const QString &path, LoadResult &result);

} // namespace rolescope
