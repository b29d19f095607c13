#pragma once

#include <QStringList>

namespace rolescope {

// The subcommand named by the arguments ("check", "overlaps", ...), or an empty string when
// they ask for the window. --help and --version at the top level count as commands too.
QString commandLineCommand(const QStringList &arguments);

// Whether the command draws (export), and so needs a QGuiApplication rather than a
// QCoreApplication.
bool commandNeedsGui(const QString &command);

// Runs a subcommand; returns the process exit code (0 ok, 1 model errors, 2 usage error,
// 3 a file could not be read or written). Needs a Q(Core|Gui)Application.
int runCommandLine(const QStringList &arguments);

// Exit codes shared by every subcommand.
enum ExitCode { ExitOk = 0, ExitModelErrors = 1, ExitUsage = 2, ExitIo = 3 };

} // namespace rolescope
