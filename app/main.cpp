#include "app/cli.h"
#include "app/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <memory>

namespace {

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Rolescope"));
    QCoreApplication::setApplicationName(QStringLiteral("rolescope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROLESCOPE_VERSION));
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList arguments = argumentsOf(argc, argv);
    const QString command = rolescope::commandLineCommand(arguments);
    if (!command.isEmpty()) {
        // Commands run without a window: a core application unless they draw, and drawing
        // works without a display on the offscreen platform.
        std::unique_ptr<QCoreApplication> app;
        if (rolescope::commandNeedsGui(command)) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
                && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            app = std::make_unique<QApplication>(argc, argv); // widgets draw comparisons
        } else {
            app = std::make_unique<QCoreApplication>(argc, argv);
        }
        setApplicationNames();
        return rolescope::runCommandLine(arguments);
    }

    QApplication app(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Org chart and responsibility explorer"));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The role model to open."),
                                 QStringLiteral("[FILE]"));
    if (!parser.parse(arguments) || parser.positionalArguments().size() > 1) {
        fprintf(stderr, "%s\nTry 'rolescope --help'.\n", qPrintable(parser.errorText()));
        return rolescope::ExitUsage;
    }
    rolescope::MainWindow window;
    const QString file = parser.positionalArguments().value(0);
    if (file.isEmpty())
        window.showBuiltInModel();
    else
        window.openFile(file);
    window.show();
    return app.exec();
}
