#include "app/cli.h"

#include "app/builtinmodel.h"
#include "app/commandsupport.h"
#include "app/exportcommand.h"
#include "app/modelcache.h"
#include "core/diagnostic.h"
#include "core/overlap.h"
#include "core/overlapreport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <functional>
#include <iostream>

namespace rolescope {

namespace {

struct Command
{
    const char *name;
    const char *summary;
    std::function<int(const QStringList &)> run;
    bool needsGui;
};

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString toQString(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

int runCheck(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Validates a role model and prints every problem as FILE:LINE:COLUMN: error|warning: message [code].\n"
        "Exit status: 0 clean or warnings only, 1 errors, 2 usage error, 3 the file could not be read."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("The model (YAML). '-' reads standard input; none checks the built-in model."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption formatOption(QStringLiteral("format"), QStringLiteral("Output: text or json."),
                                          QStringLiteral("text|json"), QStringLiteral("text"));
    parser.addOption(formatOption);
    if (const int code = parseOrExit(parser, arguments.mid(1), 1); code >= 0)
        return code;
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        err() << "Unknown --format '" << format << "': use text or json.\n";
        err().flush();
        return ExitUsage;
    }

    const QString path = parser.positionalArguments().value(0);
    const LoadResult result = loadModelFromPath(path);
    const std::string fileName = displayNameForPath(path).toStdString();
    if (format == QLatin1String("json")) {
        out() << toQString(diagnosticsToJson(fileName, result.diagnostics));
    } else {
        for (const Diagnostic &diagnostic : result.diagnostics)
            out() << toQString(formatDiagnostic(fileName, diagnostic)) << "\n";
        QString summary = toQString(fileName) + QStringLiteral(": ") + toQString(summarizeDiagnostics(result.diagnostics));
        if (result.model) {
            summary += QStringLiteral(" (%1 roles, %2 top)")
                           .arg(result.model->roleCount())
                           .arg(result.model->topRoles().size());
        }
        out() << summary << "\n";
    }
    out().flush();
    if (result.readFailed)
        return ExitIo;
    return hasErrors(result.diagnostics) ? ExitModelErrors : ExitOk;
}

int runOverlaps(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists the duties that different roles share: equal tags, and duties that describe the same\n"
        "work in other words, each with a score from 0 to 1 and the terms that matched; then how much\n"
        "each pair of roles overlaps."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("The model (YAML). '-' reads standard input; none uses the built-in model."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption formatOption(QStringLiteral("format"), QStringLiteral("Output: text, csv or json."),
                                          QStringLiteral("text|csv|json"), QStringLiteral("text"));
    const QCommandLineOption roleOption(
        QStringLiteral("role"),
        QStringLiteral("Only the overlaps of this role with the others (repeat or separate ids by "
                       "commas for several). Much faster than the whole listing on a large model."),
        QStringLiteral("ID"));
    parser.addOption(minScoreOption());
    parser.addOption(formatOption);
    parser.addOption(roleOption);
    if (const int code = parseOrExit(parser, arguments.mid(1), 1); code >= 0)
        return code;

    OverlapOptions options;
    if (const int code = readMinScore(parser, QStringLiteral("overlaps"), options.minScore);
        code >= 0)
        return code;
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("text") && format != QLatin1String("csv") && format != QLatin1String("json")) {
        err() << "Unknown --format '" << format << "': use text, csv or json.\n";
        err().flush();
        return ExitUsage;
    }

    LoadResult loaded;
    QString cacheEntry;
    if (const int code = loadForCommand(parser.positionalArguments().value(0), loaded, cacheEntry);
        code >= 0)
        return code;
    const Model &model = *loaded.model;
    NamedRoles named = rolesNamed(model, parser.values(roleOption));
    if (named.unknownId) {
        err() << "overlaps --role: no role has the id '" << *named.unknownId << "'.\n";
        err().flush();
        return ExitUsage;
    }
    options.roles = std::move(named.roles);
    const OverlapResult result = findOverlapsKeepingDuties(model, options, cacheEntry);
    // Written as it is made, not built whole: at 100,000 roles the listing runs to gigabytes.
    out().flush();
    if (format == QLatin1String("json"))
        writeOverlapsJson(std::cout, model, result);
    else if (format == QLatin1String("csv"))
        writeOverlapsCsv(std::cout, model, result);
    else
        writeOverlapsText(std::cout, model, result);
    std::cout.flush();
    if (!std::cout) {
        err() << "Could not write the overlaps to the standard output.\n";
        err().flush();
        return ExitIo;
    }
    return ExitOk;
}

const std::vector<Command> &commands()
{
    static const std::vector<Command> table = {
        {"check", "Validate a model and print its diagnostics", runCheck, false},
        {"overlaps", "List the duties that roles share, with scores", runOverlaps, false},
        {"export", "Render a chart to PNG, SVG or PDF (no display needed)", runExportCommand, true},
    };
    return table;
}

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands()) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

QString topLevelHelp(const QString &program)
{
    QString help;
    QTextStream stream(&help);
    stream << "Usage: " << program << " [FILE]\n"
           << "       " << program << " COMMAND [options] [FILE]\n\n"
           << "Rolescope: an org chart and responsibility explorer. Without a command it opens the window\n"
           << "on FILE, or on the built-in model when FILE is omitted.\n\nCommands:\n";
    for (const Command &command : commands())
        stream << "  " << QString::fromLatin1(command.name).leftJustified(10) << command.summary << "\n";
    stream << "\nFILE may be omitted (the built-in model) or '-' (standard input).\n"
           << "Run '" << program << " COMMAND --help' for a command's options.\n\n"
           << "Options:\n  -h, --help     Show this help.\n  -v, --version  Show the version.\n";
    return help;
}

} // namespace

QString commandLineCommand(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    if (findCommand(first))
        return first;
    for (const QString &argument : arguments.mid(1)) {
        if (argument == QLatin1String("--help") || argument == QLatin1String("-h")
            || argument == QLatin1String("--version") || argument == QLatin1String("-v"))
            return argument;
    }
    return {};
}

bool commandNeedsGui(const QString &command)
{
    const Command *found = findCommand(command);
    return found && found->needsGui;
}

int runCommandLine(const QStringList &arguments)
{
    const QString command = commandLineCommand(arguments);
    if (const Command *found = findCommand(command))
        return found->run(arguments);
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out() << "rolescope " << ROLESCOPE_VERSION << "\n";
        out().flush();
        return ExitOk;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out() << topLevelHelp(QStringLiteral("rolescope"));
        out().flush();
        return ExitOk;
    }
    err() << "Unknown command.\n" << topLevelHelp(QStringLiteral("rolescope"));
    err().flush();
    return ExitUsage;
}

} // namespace rolescope
