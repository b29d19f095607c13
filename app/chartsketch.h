#pragma once

#include "core/layout.h"

#include <QRect>
#include <QRgb>
#include <QTransform>

#include <functional>
#include <vector>

class QImage;

namespace rolescope {

// The chart seen from far away, drawn straight from the layout's rectangles into an image:
// every card a block at least CardPainter::MinimumBlockPixels wide and high, every connector a
// line as wide as its pen, each weighted by how much of a pixel it covers, as an antialiased
// painter draws them. Qt's scene takes hundreds of milliseconds to paint 200,000 items
// that small; this takes a few, and only looks at what lies in view.
class ChartSketch
{
public:
    struct Colors
    {
        QRgb connector = 0;
        QRgb dottedConnector = 0;
        std::function<QRgb(RoleIndex)> card;
    };

    void setLayout(const Layout &layout, qreal connectorWidth, const Colors &colors);
    // The cards' colours again, e.g. after the overlap tints changed.
    void setColors(const Colors &colors);

    // Paints the connectors, then the cards that fall into AREA of IMAGE (an opaque image),
    // mapping scene coordinates with TOIMAGE (a scale and a translation).
    void paint(QImage &image, const QTransform &toImage, const QRect &area) const;
    // Paints CARD as a block of COLOR at least MINIMUMPIXELS wide and high.
    static void paintBlock(QImage &image, const QTransform &toImage, const QRect &area,
                           const LayoutRect &card, QRgb color, qreal minimumPixels);

private:
    struct Shape
    {
        double x = 0;
        double y = 0;
        double width = 0;
        double height = 0;
        QRgb color = 0;
        double alpha = 1;        // lines: how many lines lie here, times what a dash covers
        RoleIndex role = NoRole; // for cards
        bool dotted = false;     // for connector segments
    };

    // A straight piece of connector at `at` (y of a horizontal line, x of a vertical one)
    // between `from` and `to`.
    struct Segment
    {
        double at = 0;
        double from = 0;
        double to = 0;
        bool dotted = false;
    };
    // A line that is neither horizontal nor vertical.
    struct Slant
    {
        LayoutPoint a;
        LayoutPoint b;
        QRgb color = 0;
        double alpha = 1;
        bool dotted = false;
    };

    std::vector<Shape> m_cards;     // by left edge
    std::vector<Shape> m_lines;     // horizontal and vertical pieces, by left edge
    std::vector<Shape> m_wideLines; // the longest pieces, checked one by one
    std::vector<Slant> m_slants;    // checked one by one
    double m_cardWidthLimit = 0;    // the widest card
    double m_lineWidthLimit = 0;    // the widest of m_lines
    double m_connectorWidth = 0;
};

} // namespace rolescope
