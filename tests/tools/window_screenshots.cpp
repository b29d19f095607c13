// Renders the real window into the PNGs of docs/user-guide.md and the README, with the window
// drawing itself (QWidget::grab) on the offscreen platform, so no display is needed and the
// images do not depend on a desktop's decorations. docs/make-window-screenshots.sh runs it.

#include "app/chartscene.h"
#include "app/chartview.h"
#include "app/document.h"
#include "app/mainwindow.h"
#include "app/searchbar.h"

#include "screenshotsupport.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>

#include <cstdio>

using namespace rolescope;
using namespace rolescope::screenshots;

namespace {

const QSize WindowSize(1280, 780);

RoleIndex roleWithMostReports(const Model &model)
{
    RoleIndex best = NoRole;
    size_t most = 0;
    for (RoleIndex role = 0; role < model.roleCount(); ++role) {
        if (model.parentOf(role) != NoRole && model.childrenOf(role).size() > most) {
            most = model.childrenOf(role).size();
            best = role;
        }
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    // Default window layout, whatever the person running this has configured.
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("Rolescope"));
    QApplication::setApplicationName(QStringLiteral("rolescope-screenshots"));
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR ORGS_DIR\n", argv[0]);
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    const QDir orgs(QString::fromLocal8Bit(argv[2]));
    const QString defence = orgs.filePath(
        QStringLiteral("uk-organogram-ministry-of-defence-2016-03-31.yaml"));
    const QString samGov = orgs.filePath(QStringLiteral("us-samgov-federal-hierarchy.yaml"));
    bool ok = true;

    {
        // The built-in model with the product manager's duties in the details panel.
        MainWindow window;
        window.showBuiltInModel();
        showWindow(window, WindowSize);
        window.document()->selectRole(window.document()->model().find("product-manager"));
        ok &= save(window, out.filePath(QStringLiteral("main-window.png")));
    }
    {
        MainWindow window;
        ok &= window.openFile(defence);
        showWindow(window, WindowSize);
        ok &= save(window, out.filePath(QStringLiteral("window-large-organisation.png")));

        window.searchBar()->lineEdit()->setText(QStringLiteral("finance"));
        window.document()->nextMatch();
        window.document()->nextMatch();
        window.chartView()->setZoom(0.8);
        window.chartView()->ensureRoleVisible(window.document()->currentRole());
        ok &= save(window, out.filePath(QStringLiteral("window-search.png")));

        window.searchBar()->lineEdit()->clear();
        const RoleIndex focus = roleWithMostReports(window.document()->model());
        window.document()->setFocusRoot(focus);
        window.document()->selectRole(focus);
        window.chartView()->zoomToFit();
        ok &= save(window, out.filePath(QStringLiteral("window-focus.png")));
    }
    {
        MainWindow window;
        ok &= window.openFile(samGov);
        showWindow(window, WindowSize);
        ok &= save(window, out.filePath(QStringLiteral("window-samgov.png")));
    }
    {
        // A file that breaks while it is open: the last good model stays, the problems show.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("company.yaml"));
        QFile builtIn(QStringLiteral(":/models/default.yaml"));
        QFile file(path);
        if (!builtIn.open(QIODevice::ReadOnly) || !file.open(QIODevice::WriteOnly))
            return 3;
        QByteArray yaml = builtIn.readAll();
        file.write(yaml);
        file.close();
        MainWindow window;
        ok &= window.openFile(path);
        showWindow(window, WindowSize);
        yaml.replace("reports_to: marketing-manager", "reports_to: marketing-manger");
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 3;
        file.write(yaml);
        file.close();
        ok &= !window.openFile(path);
        ok &= save(window, out.filePath(QStringLiteral("window-problems.png")));
    }
    {
        QApplication::setPalette(darkPalette());
        MainWindow window;
        window.showBuiltInModel();
        showWindow(window, WindowSize);
        window.document()->setSearchText(QStringLiteral("market research"));
        window.document()->selectRole(window.document()->model().find("sales-manager"));
        ok &= save(window, out.filePath(QStringLiteral("window-dark.png")));
    }
    return ok ? 0 : 1;
}
