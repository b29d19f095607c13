#include "app/chartsketch.h"

#include "app/cardpainter.h"

#include <QImage>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rolescope {

namespace {

// Connector segments longer than this are few (the upper levels' lines) and are checked one by
// one; the others are found through their left edge.
constexpr double LongLine = 4096;
// Lines drawn over each other darken a piece up to this many.
constexpr int MaximumOverlap = 3;
// Qt::DashLine: dashes four pen widths long, gaps two.
constexpr double DashCoverage = 4.0 / 6.0;

// Blends COLOR over the opaque PIXEL by WEIGHT of 256.
inline void blend(QRgb &pixel, QRgb color, int weight)
{
    const int r = qRed(pixel);
    const int g = qGreen(pixel);
    const int b = qBlue(pixel);
    pixel = qRgb(r + (((qRed(color) - r) * weight) >> 8), g + (((qGreen(color) - g) * weight) >> 8),
                 b + (((qBlue(color) - b) * weight) >> 8));
}

inline int weightOf(double cover)
{
    return std::min(256, int(cover * 256 + 0.5));
}

// Paints the rectangle [X0, X1) x [Y0, Y1) of IMAGE's pixels in COLOR, each pixel in
// proportion to the part of it the rectangle covers (times ALPHA), clipped to AREA.
void fillCovered(QImage &image, const QRect &area, double x0, double y0, double x1, double y1,
                 QRgb color, double alpha)
{
    const double left = std::max(x0, double(area.left()));
    const double right = std::min(x1, double(area.right()) + 1);
    const double top = std::max(y0, double(area.top()));
    const double bottom = std::min(y1, double(area.bottom()) + 1);
    if (!(left < right && top < bottom))
        return;
    const int firstColumn = int(left);
    const int lastColumn = int(std::ceil(right)) - 1;
    const int firstRow = int(top);
    const int lastRow = int(std::ceil(bottom)) - 1;
    // Only the first and the last column (row) can be covered in part.
    const double firstColumnCover = std::min(right, firstColumn + 1.0) - left;
    const double lastColumnCover = right - std::max(left, double(lastColumn));
    uchar *bits = image.bits();
    const qsizetype stride = image.bytesPerLine();
    for (int row = firstRow; row <= lastRow; ++row) {
        const double rowCover = (std::min(bottom, row + 1.0) - std::max(top, double(row))) * alpha;
        auto line = reinterpret_cast<QRgb *>(bits + row * stride);
        const int firstWeight = weightOf(rowCover * firstColumnCover);
        if (firstWeight > 0)
            blend(line[firstColumn], color, firstWeight);
        if (lastColumn == firstColumn)
            continue;
        const int weight = weightOf(rowCover);
        if (weight > 0) {
            for (int column = firstColumn + 1; column < lastColumn; ++column)
                blend(line[column], color, weight);
        }
        const int lastWeight = weightOf(rowCover * lastColumnCover);
        if (lastWeight > 0)
            blend(line[lastColumn], color, lastWeight);
    }
}

// Adds a straight line WIDTH pixels wide (at most one) from (X0, Y0) to (X1, Y1) in image
// pixels to COVERAGE, the weights (of 256) of AREA's pixels row by row, antialiased as Xiaolin
// Wu's algorithm does: in each column (each row, for a steep line) the two pixels nearest the
// line share what it covers of the column.
void addHairline(std::vector<quint16> &coverage, const QRect &area, double x0, double y0,
                 double x1, double y1, double width, double alpha)
{
    const bool steep = std::abs(y1 - y0) > std::abs(x1 - x0);
    if (steep) {
        std::swap(x0, y0);
        std::swap(x1, y1);
    }
    if (x0 > x1) {
        std::swap(x0, x1);
        std::swap(y0, y1);
    }
    const double slope = x1 > x0 ? (y1 - y0) / (x1 - x0) : 0;
    // What a line thinner than a pixel covers of each column it crosses.
    const int weight = weightOf(std::min(1.0, width * std::sqrt(1 + slope * slope)) * alpha);
    if (weight == 0)
        return;
    // Along the line (major) and across it (minor), in the area.
    const int majorLow = steep ? area.top() : area.left();
    const int minorLow = steep ? area.left() : area.top();
    const int minorHigh = steep ? area.right() : area.bottom();
    double first = std::max(x0, double(majorLow));
    double last = std::min(x1, double(steep ? area.bottom() : area.right()) + 1);
    if (slope != 0) {
        // Where the line is within the area across it.
        double enter = x0 + (minorLow - 1 - y0) / slope;
        double leave = x0 + (minorHigh + 2 - y0) / slope;
        if (enter > leave)
            std::swap(enter, leave);
        first = std::max(first, enter);
        last = std::min(last, leave);
    }
    if (!(first < last))
        return;
    // Steps along the line and across it, in COVERAGE.
    const qsizetype majorStride = steep ? area.width() : 1;
    const qsizetype minorStride = steep ? 1 : area.width();
    // The line's middle across each column, in 1/65536 of a pixel, less half a pixel: the
    // pixel it starts in and the next share the weight by the fraction.
    const int lastStep = int(std::ceil(last));
    int step = int(std::floor(first));
    qint64 middle = qint64(std::llround((y0 + (step + 0.5 - x0) * slope - 0.5) * 65536));
    const qint64 increment = qint64(std::llround(slope * 65536));
    for (; step < lastStep; ++step, middle += increment) {
        const int minor = int(middle >> 16);
        const int fraction = int((middle & 0xffff) >> 8); // of 256
        quint16 *pixel = coverage.data() + (step - majorLow) * majorStride
                         + (minor - minorLow) * minorStride;
        if (minor >= minorLow && minor <= minorHigh)
            *pixel += quint16(((256 - fraction) * weight) >> 8);
        if (minor + 1 >= minorLow && minor + 1 <= minorHigh)
            pixel[minorStride] += quint16((fraction * weight) >> 8);
    }
}

// Calls ADDPIECE(piece, count) for each piece of the union of SEGMENTS that lie on one line (same
// `at` and dashing), with the number of segments that overlap there.
template<typename Segment, typename AddPiece>
void mergeSegments(std::vector<Segment> &segments, const AddPiece &addPiece)
{
    const auto sameLine = [](const Segment &a, const Segment &b) {
        return a.dotted == b.dotted && a.at == b.at;
    };
    std::sort(segments.begin(), segments.end(), [](const Segment &a, const Segment &b) {
        if (a.dotted != b.dotted)
            return a.dotted < b.dotted;
        return a.at != b.at ? a.at < b.at : a.from < b.from;
    });
    std::vector<std::pair<double, int>> ends; // position, +1 for a start, -1 for an end
    for (size_t first = 0; first < segments.size();) {
        size_t end = first + 1;
        while (end < segments.size() && sameLine(segments[first], segments[end]))
            ++end;
        ends.clear();
        for (size_t i = first; i < end; ++i) {
            ends.emplace_back(segments[i].from, 1);
            ends.emplace_back(segments[i].to, -1);
        }
        std::sort(ends.begin(), ends.end());
        int count = 0;
        double start = 0;
        for (const auto &[position, change] : ends) {
            if (count > 0 && position > start) {
                Segment piece = segments[first];
                piece.from = start;
                piece.to = position;
                addPiece(piece, count);
            }
            count += change;
            start = position;
        }
        first = end;
    }
}

// SHAPES sorted by left edge: the first whose left edge is at least LEFT.
template<typename Shapes>
auto firstFrom(const Shapes &shapes, double left)
{
    return std::lower_bound(shapes.begin(), shapes.end(), left,
                            [](const auto &shape, double x) { return shape.x < x; });
}

} // namespace

void ChartSketch::setLayout(const Layout &layout, qreal connectorWidth, const Colors &colors)
{
    m_cards.clear();
    m_lines.clear();
    m_wideLines.clear();
    m_slants.clear();
    m_cards.reserve(layout.shown.size());
    m_lines.reserve(layout.connectors.size() * 2);
    m_cardWidthLimit = 0;
    for (const RoleIndex role : layout.shown) {
        const LayoutRect &rect = layout.cards[static_cast<size_t>(role)];
        m_cards.push_back({rect.x, rect.y, rect.width, rect.height, 0, 1, role, false});
        m_cardWidthLimit = std::max(m_cardWidthLimit, rect.width);
    }
    std::sort(m_cards.begin(), m_cards.end(), [](const Shape &a, const Shape &b) {
        return a.x != b.x ? a.x < b.x : a.role < b.role;
    });

    m_lineWidthLimit = 0;
    m_connectorWidth = connectorWidth;
    // A pen's square caps reach half its width past each end.
    const double half = connectorWidth / 2;
    const auto add = [&](double x0, double y0, double x1, double y1, double weight, bool dotted) {
        const Shape line{x0 - half, y0 - half, x1 - x0 + connectorWidth, y1 - y0 + connectorWidth,
                         0, weight * (dotted ? DashCoverage : 1.0), NoRole, dotted};
        if (line.width > LongLine) {
            m_wideLines.push_back(line);
        } else {
            m_lines.push_back(line);
            m_lineWidthLimit = std::max(m_lineWidthLimit, line.width);
        }
    };
    // Where lines lie over each other, the piece is drawn darker, up to a few of them.
    std::vector<std::pair<Segment, int>> pieces;
    const auto addPiece = [&](const Segment &piece, int count) {
        const int weight = std::min(count, MaximumOverlap);
        if (!pieces.empty()) {
            auto &[last, lastWeight] = pieces.back();
            if (last.at == piece.at && last.dotted == piece.dotted && last.to == piece.from
                && lastWeight == weight) {
                last.to = piece.to;
                return;
            }
        }
        pieces.emplace_back(piece, weight);
    };

    // The connectors from a manager to its reports share their stem and run along one bus,
    // each drawn over the others: a manager's collinear pieces are merged, remembering how
    // many lines lie on each part. Lines drawn over each other cost as much as the rest of
    // the sketch otherwise.
    std::vector<size_t> byManager(layout.connectors.size());
    std::iota(byManager.begin(), byManager.end(), size_t(0));
    std::stable_sort(byManager.begin(), byManager.end(), [&](size_t a, size_t b) {
        return layout.connectors[a].from < layout.connectors[b].from;
    });
    std::vector<Segment> horizontal;
    std::vector<Segment> vertical;
    for (size_t first = 0; first < byManager.size();) {
        const RoleIndex manager = layout.connectors[byManager[first]].from;
        size_t end = first;
        horizontal.clear();
        vertical.clear();
        for (; end < byManager.size() && layout.connectors[byManager[end]].from == manager; ++end) {
            const LayoutConnector &connector = layout.connectors[byManager[end]];
            for (size_t i = 1; i < connector.points.size(); ++i) {
                const LayoutPoint &a = connector.points[i - 1];
                const LayoutPoint &b = connector.points[i];
                if (a.y == b.y) {
                    horizontal.push_back({a.y, std::min(a.x, b.x), std::max(a.x, b.x),
                                          connector.dottedLine});
                } else if (a.x == b.x) {
                    vertical.push_back({a.x, std::min(a.y, b.y), std::max(a.y, b.y),
                                        connector.dottedLine});
                } else {
                    // Dotted lines run straight from card to card.
                    m_slants.push_back({a, b, 0, connector.dottedLine ? DashCoverage : 1.0,
                                        connector.dottedLine});
                }
            }
        }
        for (const bool across : {true, false}) {
            pieces.clear();
            mergeSegments(across ? horizontal : vertical, addPiece);
            for (const auto &[piece, weight] : pieces) {
                if (across)
                    add(piece.from, piece.at, piece.to, piece.at, weight, piece.dotted);
                else
                    add(piece.at, piece.from, piece.at, piece.to, weight, piece.dotted);
            }
        }
        first = end;
    }
    std::sort(m_lines.begin(), m_lines.end(),
              [](const Shape &a, const Shape &b) { return a.x < b.x; });
    setColors(colors);
}

void ChartSketch::setColors(const Colors &colors)
{
    for (Shape &card : m_cards)
        card.color = colors.card(card.role);
    for (std::vector<Shape> *lines : {&m_lines, &m_wideLines}) {
        for (Shape &line : *lines)
            line.color = line.dotted ? colors.dottedConnector : colors.connector;
    }
    for (Slant &slant : m_slants)
        slant.color = slant.dotted ? colors.dottedConnector : colors.connector;
}

void ChartSketch::paint(QImage &image, const QTransform &toImage, const QRect &area) const
{
    const QRect clip = area & image.rect();
    if (clip.isEmpty())
        return;
    const double scaleX = toImage.m11();
    const double scaleY = toImage.m22();
    const double dx = toImage.dx();
    const double dy = toImage.dy();
    const QRectF inView = toImage.inverted().mapRect(QRectF(clip));
    // Connectors are far thinner than a pixel here: one pixel wide, as faint as the part of
    // it they cover.
    const double penWidth = m_connectorWidth * std::sqrt(scaleX * scaleY);
    const auto paintLine = [&](const Shape &line) {
        if (line.y > inView.bottom() || line.y + line.height < inView.top()
            || line.x > inView.right() || line.x + line.width < inView.left()) {
            return;
        }
        double x0 = line.x * scaleX + dx;
        double x1 = (line.x + line.width) * scaleX + dx;
        double y0 = line.y * scaleY + dy;
        double y1 = (line.y + line.height) * scaleY + dy;
        double alpha = line.alpha;
        if (x1 - x0 < 1) {
            alpha *= x1 - x0;
            const double middle = (x0 + x1) / 2;
            x0 = middle - 0.5;
            x1 = middle + 0.5;
        }
        if (y1 - y0 < 1) {
            alpha *= y1 - y0;
            const double middle = (y0 + y1) / 2;
            y0 = middle - 0.5;
            y1 = middle + 0.5;
        }
        alpha = std::min(1.0, alpha);
        if (weightOf(alpha) > 0)
            fillCovered(image, clip, x0, y0, x1, y1, line.color, alpha);
    };
    for (auto it = firstFrom(m_lines, inView.left() - m_lineWidthLimit);
         it != m_lines.end() && it->x <= inView.right(); ++it) {
        paintLine(*it);
    }
    for (const Shape &line : m_wideLines)
        paintLine(line);
    // Lines across the chart are many and long: their weights are added up first, then
    // blended once per pixel.
    std::vector<quint16> coverage;
    for (const bool dotted : {false, true}) {
        QRgb color = 0;
        QRectF touched; // in image pixels
        for (const Slant &slant : m_slants) {
            if (slant.dotted != dotted || std::max(slant.a.x, slant.b.x) < inView.left()
                || std::min(slant.a.x, slant.b.x) > inView.right()
                || std::max(slant.a.y, slant.b.y) < inView.top()
                || std::min(slant.a.y, slant.b.y) > inView.bottom()) {
                continue;
            }
            if (coverage.empty())
                coverage.resize(size_t(clip.width()) * size_t(clip.height()));
            color = slant.color;
            const QPointF a(slant.a.x * scaleX + dx, slant.a.y * scaleY + dy);
            const QPointF b(slant.b.x * scaleX + dx, slant.b.y * scaleY + dy);
            addHairline(coverage, clip, a.x(), a.y(), b.x(), b.y(), penWidth, slant.alpha);
            touched |= QRectF(a, b).normalized().adjusted(-2, -2, 2, 2);
        }
        const QRect rows = touched.toAlignedRect() & clip;
        for (int row = rows.top(); row <= rows.bottom(); ++row) {
            auto line = reinterpret_cast<QRgb *>(image.scanLine(row));
            quint16 *weight = coverage.data() + size_t(row - clip.top()) * size_t(clip.width());
            for (int column = clip.left(); column <= clip.right(); ++column, ++weight) {
                if (*weight) {
                    blend(line[column], color, std::min<int>(256, *weight));
                    *weight = 0;
                }
            }
        }
    }

    // A block grows around its card's centre to the minimum size.
    const double minimum = CardPainter::MinimumBlockPixels * image.devicePixelRatio();
    const double minimumWidth = minimum / scaleX;
    const double minimumHeight = minimum / scaleY;
    const double reach = std::max(m_cardWidthLimit, minimumWidth);
    for (auto it = firstFrom(m_cards, inView.left() - reach);
         it != m_cards.end() && it->x <= inView.right() + minimumWidth; ++it) {
        const double width = std::max(it->width, minimumWidth);
        const double height = std::max(it->height, minimumHeight);
        const double left = it->x + (it->width - width) / 2;
        const double top = it->y + (it->height - height) / 2;
        if (top > inView.bottom() || top + height < inView.top() || left > inView.right()
            || left + width < inView.left()) {
            continue;
        }
        fillCovered(image, clip, left * scaleX + dx, top * scaleY + dy,
                    (left + width) * scaleX + dx, (top + height) * scaleY + dy, it->color, 1);
    }
}

void ChartSketch::paintBlock(QImage &image, const QTransform &toImage, const QRect &area,
                             const LayoutRect &card, QRgb color, qreal minimumPixels)
{
    const QRect clip = area & image.rect();
    QRectF block = toImage.mapRect(QRectF(card.x, card.y, card.width, card.height));
    const QPointF center = block.center();
    block.setSize(block.size().expandedTo(QSizeF(minimumPixels, minimumPixels)));
    block.moveCenter(center);
    fillCovered(image, clip, block.left(), block.top(), block.right(), block.bottom(), color, 1);
}

} // namespace rolescope
