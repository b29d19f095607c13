#include "app/commandsupport.h"

#include "app/builtinmodel.h"
#include "app/cli.h"
#include "app/modelcache.h"
#include "core/diagnostic.h"
#include "core/overlap.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace rolescope {

int parseOrExit(QCommandLineParser &parser, const QStringList &arguments, int maxPositional)
{
    parser.addHelpOption();
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << parser.errorText() << "\nTry 'rolescope " << arguments.value(0) << " --help'.\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // The parser names the executable's path; people type "rolescope COMMAND".
        QString help = parser.helpText();
        const qsizetype firstLineEnd = help.indexOf(QLatin1Char('\n'));
        help.replace(0, firstLineEnd,
                     help.left(firstLineEnd)
                         .replace(QCoreApplication::arguments().value(0),
                                  QStringLiteral("rolescope ") + arguments.value(0)));
        QTextStream(stdout) << help;
        return ExitOk;
    }
    if (parser.positionalArguments().size() > maxPositional) {
        err << "Unexpected argument: " << parser.positionalArguments().at(maxPositional) << "\n";
        return ExitUsage;
    }
    return -1;
}

namespace {

const QString MinScoreName = QStringLiteral("min-score");

} // namespace

QCommandLineOption minScoreOption()
{
    return QCommandLineOption(
        MinScoreName,
        QStringLiteral("Minimum score of an inferred overlap (default: the model's "
                       "settings.overlap.threshold, else %1).")
            .arg(DefaultOverlapThreshold),
        QStringLiteral("S"));
}

int readMinScore(const QCommandLineParser &parser, const QString &command,
                 std::optional<double> &minScore)
{
    minScore.reset();
    if (!parser.isSet(MinScoreName))
        return -1;
    bool ok = false;
    const double value = parser.value(MinScoreName).toDouble(&ok);
    if (!ok || value < 0 || value > 1) {
        QTextStream(stderr) << "--min-score must be a number from 0 to 1, not '"
                            << parser.value(MinScoreName) << "'.\nTry 'rolescope " << command
                            << " --help'.\n";
        return ExitUsage;
    }
    minScore = value;
    return -1;
}

NamedRoles rolesNamed(const Model &model, const QStringList &values)
{
    NamedRoles named;
    for (const QString &value : values) {
        for (const QString &id : value.split(QLatin1Char(','))) {
            const RoleIndex role = model.find(id.trimmed().toStdString());
            if (role == NoRole) {
                named.unknownId = id.trimmed();
                return named;
            }
            named.roles.push_back(role);
        }
    }
    return named;
}

int loadForCommand(const QString &path, LoadResult &result, QString &cacheEntry)
{
    // A large file read again unchanged comes from the cache of parsed files the window keeps
    // too: at 100,000 roles that is most of an `overlaps --role` or `export --highlight`.
    cacheEntry.clear();
    if (!path.isEmpty() && path != QLatin1String("-")) {
        const ModelCache cache;
        result = cache.load(path);
        cacheEntry = cache.lastEntry();
    } else {
        result = loadModelFromPath(path);
    }
    const std::string fileName = displayNameForPath(path).toStdString();
    QTextStream err(stderr);
    for (const Diagnostic &diagnostic : result.diagnostics)
        err << QString::fromStdString(formatDiagnostic(fileName, diagnostic)) << "\n";
    err.flush();
    if (result.readFailed)
        return ExitIo;
    if (!result.model)
        return ExitModelErrors;
    return -1;
}

} // namespace rolescope
