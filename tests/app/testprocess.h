#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>

namespace rolescope::testing {

struct ProcessResult
{
    int exitCode = -1; // -1: did not finish in time, -2: crashed
    QString out;
    QString err;
};

struct ProcessOptions
{
    QString workingDirectory;
    QByteArray input;
    // Runs it with no display at all, as a batch job on a server would.
    bool withoutDisplay = false;
    std::function<void()> childSetup; // runs in the child before exec (resource limits)
};

// The user cache folder the commands run by this test process share (XDG_CACHE_HOME): their
// cache of parsed files stays out of the real user's, and starts empty.
inline QString commandCacheHome()
{
    static const QTemporaryDir directory;
    return directory.path();
}

// Runs the real rolescope executable of this build.
inline ProcessResult runRolescope(const QStringList &arguments, const ProcessOptions &options = {})
{
    QProcess process;
    if (!options.workingDirectory.isEmpty())
        process.setWorkingDirectory(options.workingDirectory);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), commandCacheHome());
    if (options.withoutDisplay) {
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    }
    process.setProcessEnvironment(environment);
    if (options.childSetup)
        process.setChildProcessModifier(options.childSetup);
    process.start(QStringLiteral(ROLESCOPE_EXECUTABLE), arguments);
    process.write(options.input);
    process.closeWriteChannel();
    ProcessResult result;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace rolescope::testing
