// Renders the comparison view and the overlap tint of the real window into the PNGs of
// docs/comparison.md, with the window drawing itself (QWidget::grab) on the offscreen platform.
// docs/make-comparison-screenshots.sh runs it.

#include "app/comparisonview.h"
#include "app/document.h"
#include "app/mainwindow.h"
#include "app/overlapcontroller.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QPalette>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTest>

#include <cstdio>

using namespace rolescope;

namespace {

const QSize WindowSize(1280, 860);

void settle()
{
    for (int i = 0; i < 5; ++i)
        QTest::qWait(20);
}

bool save(QWidget &widget, const QString &path)
{
    settle();
    const QImage image = widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return false;
    }
    std::printf("%s\n", qPrintable(path));
    return true;
}

void showWindow(MainWindow &window)
{
    window.resize(WindowSize);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        std::fprintf(stderr, "the window was not exposed\n");
    settle();
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b2d30));
    palette.setColor(QPalette::WindowText, QColor(0xdfe1e5));
    palette.setColor(QPalette::Base, QColor(0x1e1f22));
    palette.setColor(QPalette::AlternateBase, QColor(0x26282b));
    palette.setColor(QPalette::Text, QColor(0xdfe1e5));
    palette.setColor(QPalette::Button, QColor(0x393b40));
    palette.setColor(QPalette::ButtonText, QColor(0xdfe1e5));
    palette.setColor(QPalette::Highlight, QColor(0x3574f0));
    palette.setColor(QPalette::HighlightedText, QColor(0xffffff));
    palette.setColor(QPalette::PlaceholderText, QColor(0x8c8f94));
    palette.setColor(QPalette::Mid, QColor(0x55585e));
    return palette;
}

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
        showWindow(window);
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
        showWindow(window);
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
