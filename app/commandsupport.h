#pragma once

#include "core/loader.h"

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QCommandLineParser;

namespace rolescope {

// Parses a subcommand's ARGUMENTS (the command name first) with PARSER, which gets a --help
// option. Returns -1 to go on, or the exit code to stop with: --help printed, or a usage
// error reported on stderr.
int parseOrExit(QCommandLineParser &parser, const QStringList &arguments, int maxPositional);

// --min-score S: the minimum score of an inferred overlap, instead of the model's threshold.
QCommandLineOption minScoreOption();
// The value of minScoreOption() in PARSER into MINSCORE (unset when not given). Returns -1 to
// go on, or ExitUsage after reporting a value that is not a number from 0 to 1.
int readMinScore(const QCommandLineParser &parser, const QString &command,
                 std::optional<double> &minScore);

// The roles named by an option's VALUES, each one or more ids separated by commas (spaces
// around an id ignored), in the order given; or the first id that names no role of MODEL, an
// empty one ("a,,b") included.
struct NamedRoles
{
    std::vector<RoleIndex> roles;
    std::optional<QString> unknownId;
};
NamedRoles rolesNamed(const Model &model, const QStringList &values);

// Loads the model named by a subcommand's FILE argument (empty: the built-in model, "-":
// standard input), through the ModelCache when it names a file, and prints its diagnostics on
// stderr as FILE:LINE:COLUMN: lines. Returns the exit code to stop with, or -1 when RESULT holds
// a model to work on. CACHE_ENTRY receives the ModelCache::lastEntry(), for KeptDuties.
int loadForCommand(const QString &path, LoadResult &result, QString &cacheEntry);

} // namespace rolescope
