#pragma once

// What the screenshot tools of docs/ share: the window drawn by itself (QWidget::grab) on the
// offscreen platform, saved through QSaveFile, and one dark palette for the dark-theme images.

#include <QImage>
#include <QPalette>
#include <QSaveFile>
#include <QSize>
#include <QTest>
#include <QWidget>

#include <cstdio>

namespace rolescope::screenshots {

// Lets queued layout and paint events run before a grab.
inline void settle()
{
    for (int i = 0; i < 5; ++i)
        QTest::qWait(20);
}

inline bool save(QWidget &widget, const QString &path)
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

inline void showWindow(QWidget &window, const QSize &size)
{
    window.resize(size);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        std::fprintf(stderr, "the window was not exposed\n");
    settle();
}

inline QPalette darkPalette()
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
    palette.setColor(QPalette::ToolTipBase, QColor(0x393b40));
    palette.setColor(QPalette::ToolTipText, QColor(0xdfe1e5));
    palette.setColor(QPalette::PlaceholderText, QColor(0x8c8f94));
    palette.setColor(QPalette::Link, QColor(0x589df6));
    palette.setColor(QPalette::Mid, QColor(0x55585e));
    return palette;
}

} // namespace rolescope::screenshots
