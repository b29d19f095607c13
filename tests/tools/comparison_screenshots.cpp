// Renders the comparison view and the overlap tint of the real window into the PNGs of
// docs/comparison.md, with the window drawing itself (QWidget::grab) on the offscreen platform.
// docs/make-comparison-screenshots.sh runs it.

#include "app/comparisonview.h"
#include "app/document.h"
#include "app/mainwindow.h"
#include "app/overlapcontroller.h"

#include "screenshotsupport.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QStandardPaths>
#include <QStyleFactory>

#include <cstdio>

using namespace rolescope;
using namespace rolescope::screenshots;

namespace {

const QSize WindowSize(1280, 860);

// The sales and product managers compared, as a Ctrl+click on the second card does.
void compareSalesAndProduct(MainWindow &window)
{
    Document *document = window.document();
    document->selectRole(document->model().find("sales-manager"));
    document->toggleRoleSelected(document->model().find("product-manager"));
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("Rolescope"));
    QApplication::setApplicationName(QStringLiteral("rolescope-screenshots"));
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    bool ok = true;

    {
        MainWindow window;
        window.showBuiltInModel();
        showWindow(window, WindowSize);
        compareSalesAndProduct(window);
        ok &= save(window, out.filePath(QStringLiteral("comparison.png")));

        // "Who else does what I do" for the sales manager, with every pair in the dock.
        Document *document = window.document();
        window.overlaps()->comparisonDockWidget()->hide();
        document->selectRole(document->model().find("sales-manager"));
        window.overlaps()->tintAction()->setChecked(true);
        window.overlaps()->showOverlapDock();
        ok &= save(window, out.filePath(QStringLiteral("comparison-who-else.png")));
    }
    {
        QApplication::setPalette(darkPalette());
        MainWindow window;
        window.showBuiltInModel();
        showWindow(window, WindowSize);
        Document *document = window.document();
        document->selectRole(document->model().find("marketing-manager"));
        document->toggleRoleSelected(document->model().find("sales-manager"));
        document->toggleRoleSelected(document->model().find("product-manager"));
        ComparisonView *view = window.overlaps()->comparisonView();
        view->resize(1280, 620);
        ok &= save(*view->contentWidget(), out.filePath(QStringLiteral("comparison-dark.png")));
    }
    return ok ? 0 : 1;
}
