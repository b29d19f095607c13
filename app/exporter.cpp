#include "app/exporter.h"

#include "app/departmentcolors.h"
#include "app/modelcache.h"
#include "app/overlapcolors.h"
#include "app/pngwriter.h"
#include "core/overlap.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QLocale>
#include <QPaintEngine>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <array>
#include <future>
#include <unordered_set>

namespace rolescope {

namespace {

constexpr double ConnectorWidth = CardStyle::ConnectorWidth;
constexpr double DashLength = 4;       // Qt::DashLine, in line widths
constexpr double DashGap = 2;
constexpr double BadgeWidth = 44;
constexpr double BadgeHeight = 18;
constexpr double LegendGap = 16;
constexpr double LegendRowHeight = 22;
constexpr double LegendSwatch = 12;
constexpr double FooterGap = 12;
constexpr double FooterHeight = 26;
constexpr double MinDecoratedWidth = 360; // room for a legend or footer under a tiny chart
constexpr double PageMarginMm = 10;
constexpr double PageNumberStripMm = 8;
constexpr int MinPdfResolution = 1200;
const QColor OverlapColor(0xe8590c); // the hue the window tints overlapping cards with

// Exports are for paper and slides: always the light palette, whatever the window shows.
QPalette exportPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, Qt::white);
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, QColor(0x1f2328));
    palette.setColor(QPalette::Highlight, QColor(0x2f7fd0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Button, QColor(0xeef0f2));
    return palette;
}

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QRectF toRect(const LayoutRect &rect)
{
    return QRectF(rect.x, rect.y, rect.width, rect.height);
}

// Rounds up, ignoring the last bits of floating-point noise (1000.0000001 is 1000 pixels).
qint64 pixels(double units)
{
    return static_cast<qint64>(std::ceil(units - 1e-6));
}

int pixelsFor(int units, double scale)
{
    return static_cast<int>(std::ceil(units * scale - 1e-6));
}

QString number(qint64 value)
{
    return QLocale(QLocale::English).toString(value);
}

constexpr const char *SmallerExport =
    "Export a smaller scale (--scale), a subtree (--root and --depth) or a PDF, which splits "
    "the chart across pages.";

// Draws the part of CONNECTOR inside AREA. The connectors of a wide chart run across hundreds
// of thousands of pixels; handed whole to the rasterizer for every band they took most of
// the export's time. Segments are clipped one by one. Dashes are drawn here, in phase along
// the whole line: Qt draws a line with too many dashes solid.
void drawConnector(QPainter &painter, const LayoutConnector &connector, const QRectF &area,
                   const QPen &pen)
{
    const bool dashed = pen.style() != Qt::SolidLine;
    QPen solid = pen;
    solid.setStyle(Qt::SolidLine);
    painter.setPen(solid);
    const double dash = DashLength * pen.widthF();
    const double period = (DashLength + DashGap) * pen.widthF();
    double travelled = 0;
    for (size_t i = 1; i < connector.points.size(); ++i) {
        const QPointF a(connector.points[i - 1].x, connector.points[i - 1].y);
        const QPointF b(connector.points[i].x, connector.points[i].y);
        const QPointF d = b - a;
        const double length = std::hypot(d.x(), d.y());
        // Liang-Barsky: the range [t0, t1] of a + t * d inside AREA.
        double t0 = 0;
        double t1 = 1;
        const auto clip = [&](double p, double q) {
            if (p == 0)
                return q >= 0;
            const double t = q / p;
            if (p < 0)
                t0 = std::max(t0, t);
            else
                t1 = std::min(t1, t);
            return t0 <= t1;
        };
        const bool inside = clip(-d.x(), a.x() - area.left()) && clip(d.x(), area.right() - a.x())
                            && clip(-d.y(), a.y() - area.top())
                            && clip(d.y(), area.bottom() - a.y());
        if (inside && !dashed) {
            painter.drawLine(a + t0 * d, a + t1 * d);
        } else if (inside && length > 0) {
            const double from = travelled + t0 * length;
            const double to = travelled + t1 * length;
            for (double start = std::floor(from / period) * period; start < to; start += period) {
                const double s0 = std::max(start, from);
                const double s1 = std::min(start + dash, to);
                if (s0 < s1)
                    painter.drawLine(a + (s0 - travelled) / length * d,
                                     a + (s1 - travelled) / length * d);
            }
        }
        travelled += length;
    }
}

} // namespace

std::optional<ExportFormat> exportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return ExportFormat::Png;
    if (suffix == QLatin1String("svg"))
        return ExportFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    return std::nullopt;
}

QString exportFormatExtension(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png:
        return QStringLiteral("png");
    case ExportFormat::Svg:
        return QStringLiteral("svg");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

ExportChart ExportChart::laidOut(const Model &model, const LayoutOptions &options,
                                 const LayoutScope &scope)
{
    ExportChart chart;
    chart.model = &model;
    chart.layout = computeLayout(model, options, scope);
    chart.orientation = options.orientation;
    return chart;
}

void ExportChart::highlight(RoleIndex role, bool overlaps, std::optional<double> minScore,
                            const QString &cacheEntry)
{
    highlighted = role;
    overlapScores.clear();
    if (!overlaps || role == NoRole)
        return;
    // The role-pair score the window tints its cards with, so the file matches the screen.
    // Only this role's overlaps are needed, which takes seconds where the whole analysis of a
    // 100,000-role model takes half a minute.
    OverlapOptions options;
    options.minScore = minScore;
    options.roles = {role};
    overlapScores = rolePairScoresAgainst(findOverlapsKeepingDuties(*model, options, cacheEntry),
                                          role, model->roleCount());
}

QString ExportPlan::summary(ExportFormat format) const
{
    if (!isPossible())
        return problem;
    if (format == ExportFormat::Pdf) {
        if (pageCount() == 1)
            return QStringLiteral("1 page");
        return QStringLiteral("%1 pages (%2 across × %3 down)")
            .arg(number(pageCount()), number(pageColumns), number(pageRows));
    }
    return QStringLiteral("%1 × %2 px").arg(number(width), number(height));
}

Exporter::Exporter(ExportChart chart, ExportSettings settings)
    : m_chart(std::move(chart))
    , m_settings(std::move(settings))
    , m_painter(m_chart.model, DepartmentColors(*m_chart.model),
                CardStyle::fromPalette(exportPalette()), m_chart.orientation)
{
    makePlan();
}

QString Exporter::title() const
{
    if (!m_settings.title.isEmpty())
        return m_settings.title;
    return fromStd(m_chart.model->organization.name);
}

CardState Exporter::cardState(RoleIndex role) const
{
    // Only what the reader needs: the highlighted role, and how many roles a card hides.
    // Expand handles and selection are controls of the window, not part of the chart.
    CardState state;
    state.selected = role == m_chart.highlighted;
    state.hiddenBelow = m_chart.layout.hiddenBelow[static_cast<size_t>(role)];
    state.hasReports = state.hiddenBelow > 0;
    state.collapsed = state.hasReports;
    if (!m_chart.overlapScores.empty() && role != m_chart.highlighted)
        state.overlapTint = m_chart.overlapScores[static_cast<size_t>(role)];
    return state;
}

void Exporter::makePlan()
{
    const Layout &layout = m_chart.layout;
    const bool overlaps = !m_chart.overlapScores.empty();

    QRectF painted; // everything the shown cards paint, with handles and badges
    double maxCardHeight = 0;
    for (RoleIndex role : layout.shown) {
        const QRectF card = toRect(layout.cards[static_cast<size_t>(role)]);
        QRectF reach = m_painter.paintedRect(card);
        if (overlaps)
            reach |= card.adjusted(0, -BadgeHeight / 2 - 1, 0, 0);
        if (m_cardOverhang.isNull()) {
            m_cardOverhang = QMarginsF(card.left() - reach.left(), card.top() - reach.top(),
                                       reach.right() - card.right(),
                                       reach.bottom() - card.bottom());
        }
        painted |= reach;
        maxCardHeight = std::max(maxCardHeight, card.height());
    }
    for (const LayoutConnector &connector : layout.connectors) {
        const QRectF bounds = CardStyle::connectorBounds(connector);
        m_connectorBounds.push_back(bounds);
        painted |= bounds;
    }
    if (m_chart.region.isEmpty())
        m_chart.region = painted;
    const QRectF region = m_chart.region;

    for (RoleIndex role : layout.shown) {
        const QRectF card = toRect(layout.cards[static_cast<size_t>(role)]);
        if (card.marginsAdded(m_cardOverhang).intersects(region))
            m_byTop.push_back(role);
        if (card.intersects(region))
            ++m_plan.roles;
    }
    std::stable_sort(m_byTop.begin(), m_byTop.end(), [&](RoleIndex a, RoleIndex b) {
        return layout.cards[static_cast<size_t>(a)].y < layout.cards[static_cast<size_t>(b)].y;
    });
    m_maxCardReach = maxCardHeight + m_cardOverhang.top() + m_cardOverhang.bottom();

    if (m_settings.legend) {
        DepartmentColors colors(*m_chart.model);
        std::unordered_set<std::string> seen;
        for (RoleIndex role : layout.shown) {
            const Role &r = m_chart.model->role(role);
            if (!toRect(layout.cards[static_cast<size_t>(role)]).intersects(region)
                || !seen.insert(r.department).second)
                continue;
            const QString name = r.department.empty() ? QStringLiteral("No department")
                                                      : fromStd(m_chart.model->departmentName(r));
            m_legend.push_back({colors.colorOf(r), name, {}});
        }
        if (overlaps) {
            const QString highlighted = fromStd(m_chart.model->role(m_chart.highlighted).title);
            m_legend.push_back({OverlapColors::tint(Qt::white, OverlapColors::TintFullScore),
                                QStringLiteral("Duties shared with %1 (role-pair score)")
                                    .arg(highlighted),
                                {}});
        }
    }

    const double margin = std::max(0.0, m_settings.margin);
    double contentWidth = region.width();
    if (m_settings.footer || !m_legend.empty())
        contentWidth = std::max(contentWidth, MinDecoratedWidth);
    m_chartOrigin = QPointF(margin + (contentWidth - region.width()) / 2, margin);
    double y = margin + region.height();

    if (!m_legend.empty()) {
        const QFontMetricsF metrics(m_painter.style().bodyFont);
        y += LegendGap;
        double x = 0;
        int row = 0;
        for (Legend &entry : m_legend) {
            const double width = std::min(contentWidth, LegendSwatch + 6
                                                            + metrics.horizontalAdvance(entry.name));
            if (x > 0 && x + width > contentWidth) {
                x = 0;
                ++row;
            }
            entry.rect = QRectF(margin + x, y + row * LegendRowHeight, width, LegendRowHeight);
            x += width + 20;
        }
        m_legendRect = QRectF(margin, y, contentWidth, (row + 1) * LegendRowHeight);
        y = m_legendRect.bottom();
    }
    if (m_settings.footer) {
        y += FooterGap;
        m_footerRect = QRectF(margin, y, contentWidth, FooterHeight);
        y = m_footerRect.bottom();
    }
    m_plan.canvas = QSizeF(contentWidth + 2 * margin, y + margin);

    const double scale = m_settings.scale;
    if (!(scale >= ExportLimits::MinScale && scale <= ExportLimits::MaxScale)) {
        m_plan.problem = QStringLiteral("The scale must be between %1 and %2.")
                             .arg(ExportLimits::MinScale)
                             .arg(ExportLimits::MaxScale);
        return;
    }
    if (m_plan.roles == 0) {
        m_plan.problem = QStringLiteral("Nothing to export: no role card is in the chosen area.");
        return;
    }
    switch (m_settings.format) {
    case ExportFormat::Png:
    case ExportFormat::Svg:
        m_plan.width = pixels(m_plan.canvas.width() * scale);
        m_plan.height = pixels(m_plan.canvas.height() * scale);
        break;
    case ExportFormat::Pdf:
        planPdf(m_plan.canvas.width(), m_plan.canvas.height());
        return;
    }
    const QString size = QStringLiteral("%1 × %2 px").arg(number(m_plan.width),
                                                          number(m_plan.height));
    if (m_settings.format == ExportFormat::Svg
        && std::max(m_plan.width, m_plan.height) > ExportLimits::MaxSvgSide) {
        m_plan.problem = QStringLiteral("The SVG would be %1, more than the %2 px a side that "
                                        "viewers display. %3")
                             .arg(size, number(ExportLimits::MaxSvgSide),
                                  QLatin1String(SmallerExport));
    } else if (m_settings.format == ExportFormat::Png
               && (std::max(m_plan.width, m_plan.height) > ExportLimits::MaxPngSide
                   || m_plan.width * m_plan.height > ExportLimits::MaxPngPixels)) {
        m_plan.problem = QStringLiteral("The PNG would be %1, more than %2 px a side or %3 "
                                        "megapixels in all. %4")
                             .arg(size, number(ExportLimits::MaxPngSide),
                                  number(ExportLimits::MaxPngPixels / 1000000),
                                  QLatin1String(SmallerExport));
    }
}

// Page geometry in points (1/72 inch); a chart pixel at scale 1 is 1/96 inch.
void Exporter::planPdf(double canvasWidth, double canvasHeight)
{
    const QPageLayout page(QPageSize(m_settings.pageSize), m_settings.pageOrientation,
                           QMarginsF(PageMarginMm, PageMarginMm, PageMarginMm, PageMarginMm),
                           QPageLayout::Millimeter);
    const QRectF paint = page.paintRectPoints();
    const double strip = PageNumberStripMm / 25.4 * 72;
    if (m_settings.fitToPage) {
        m_pointsPerUnit = std::min(paint.width() / canvasWidth, paint.height() / canvasHeight);
        m_tile = QSizeF(canvasWidth, canvasHeight);
        m_plan.pageColumns = 1;
        m_plan.pageRows = 1;
        return;
    }
    m_pointsPerUnit = 0.75 * m_settings.scale;
    m_tile = QSizeF(paint.width() / m_pointsPerUnit, (paint.height() - strip) / m_pointsPerUnit);
    const qint64 columns = pixels(canvasWidth / m_tile.width());
    const qint64 rows = pixels(canvasHeight / m_tile.height());
    if (columns * rows > ExportLimits::MaxPages) {
        m_plan.problem = QStringLiteral("The PDF would have %1 pages (%2 across × %3 down), more "
                                        "than %4. Fit it on one page, or export a smaller "
                                        "scale (--scale) or a subtree (--root and --depth).")
                             .arg(number(columns * rows), number(columns), number(rows),
                                  number(ExportLimits::MaxPages));
        return;
    }
    m_plan.pageColumns = static_cast<int>(columns);
    m_plan.pageRows = static_cast<int>(rows);
}

QPointF Exporter::toCanvas(const QPointF &chartPoint) const
{
    return chartPoint + m_chartOrigin - m_chart.region.topLeft();
}

void Exporter::paint(QPainter &painter, const QRectF &clip) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QPointF offset = m_chartOrigin - m_chart.region.topLeft();
    painter.translate(offset);
    paintChart(painter, clip.translated(-offset));
    painter.restore();
    // Lines on the edges of these rects reach a little outside them.
    const QMarginsF reach(2, 2, 2, 2);
    if (!m_legendRect.isEmpty() && m_legendRect.marginsAdded(reach).intersects(clip))
        paintLegend(painter);
    if (!m_footerRect.isEmpty() && m_footerRect.marginsAdded(reach).intersects(clip))
        paintFooter(painter);
}

void Exporter::paintChart(QPainter &painter, const QRectF &clip) const
{
    const QRectF area = clip & m_chart.region;
    if (area.isEmpty())
        return;
    painter.save();
    if (m_chart.clipToRegion)
        painter.setClipRect(m_chart.region, Qt::IntersectClip);

    const CardStyle &style = m_painter.style();
    const QPen solid = style.connectorPen(false);
    const QPen dotted = style.connectorPen(true);
    const QRectF reach = area.adjusted(-2 * ConnectorWidth, -2 * ConnectorWidth,
                                       2 * ConnectorWidth, 2 * ConnectorWidth);
    const auto &connectors = m_chart.layout.connectors;
    // PDF and SVG dash lines themselves and clip nothing away at this size: there a connector
    // is one path, as on screen.
    const bool raster = painter.paintEngine()->type() == QPaintEngine::Raster;
    QPolygonF line;
    for (size_t i = 0; i < connectors.size(); ++i) {
        if (!m_connectorBounds[i].intersects(area))
            continue;
        const QPen &pen = connectors[i].dottedLine ? dotted : solid;
        if (raster) {
            drawConnector(painter, connectors[i], reach, pen);
            continue;
        }
        line.clear();
        for (const LayoutPoint &point : connectors[i].points)
            line << QPointF(point.x, point.y);
        painter.setPen(pen);
        painter.drawPolyline(line);
    }

    // Cards are sorted by their top: only those that can reach into the area are looked at.
    const auto &cards = m_chart.layout.cards;
    const double firstTop = area.top() - m_maxCardReach;
    auto it = std::lower_bound(m_byTop.begin(), m_byTop.end(), firstTop,
                               [&](RoleIndex role, double top) {
                                   return cards[static_cast<size_t>(role)].y < top;
                               });
    const bool overlaps = !m_chart.overlapScores.empty();
    for (; it != m_byTop.end(); ++it) {
        const RoleIndex role = *it;
        const QRectF card = toRect(cards[static_cast<size_t>(role)]);
        if (card.top() - m_cardOverhang.top() > area.bottom())
            break;
        if (!card.marginsAdded(m_cardOverhang).intersects(area))
            continue;
        const double score = overlaps ? m_chart.overlapScores[static_cast<size_t>(role)] : 0;
        m_painter.paint(painter, card, role, cardState(role));
        if (score > 0 && role != m_chart.highlighted) {
            // A file cannot be hovered for the number: it is written on the card.
            QRectF badge(0, 0, BadgeWidth, BadgeHeight);
            badge.moveCenter(QPointF(card.right() - BadgeWidth / 2 - 8, card.top()));
            painter.setPen(Qt::NoPen);
            painter.setBrush(OverlapColor);
            painter.drawRoundedRect(badge, BadgeHeight / 2, BadgeHeight / 2);
            painter.setPen(Qt::white);
            painter.setFont(style.smallFont);
            painter.drawText(badge, Qt::AlignCenter,
                             QStringLiteral("%1 %").arg(std::lround(score * 100)));
        }
    }
    painter.restore();
}

void Exporter::paintLegend(QPainter &painter) const
{
    const CardStyle &style = m_painter.style();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(style.bodyFont);
    const QFontMetricsF metrics(style.bodyFont);
    for (const Legend &entry : m_legend) {
        QRectF swatch(entry.rect.left(), 0, LegendSwatch, LegendSwatch);
        swatch.moveTop(entry.rect.center().y() - LegendSwatch / 2);
        painter.setPen(QPen(style.border, 1));
        painter.setBrush(entry.color);
        painter.drawRoundedRect(swatch, 3, 3);
        painter.setPen(style.text);
        const QRectF text = entry.rect.adjusted(LegendSwatch + 6, 0, 0, 0);
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(entry.name, Qt::ElideRight, text.width()));
    }
    painter.restore();
}

void Exporter::paintFooter(QPainter &painter) const
{
    const CardStyle &style = m_painter.style();
    painter.save();
    painter.setPen(QPen(style.border, 1));
    painter.drawLine(m_footerRect.topLeft(), m_footerRect.topRight());
    const QRectF text = m_footerRect.adjusted(0, 4, 0, 0);
    const QDate date = m_settings.date.isValid() ? m_settings.date : QDate::currentDate();
    const QString dateText = date.toString(Qt::ISODate);
    const QFontMetricsF bodyMetrics(style.bodyFont);
    painter.setFont(style.bodyFont);
    painter.setPen(style.mutedText);
    painter.drawText(text, Qt::AlignRight | Qt::AlignVCenter, dateText);
    QFont titleFont = style.bodyFont;
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(style.text);
    const double titleWidth = text.width() - bodyMetrics.horizontalAdvance(dateText) - 16;
    painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetricsF(titleFont).elidedText(title(), Qt::ElideRight, titleWidth));
    painter.restore();
}

bool Exporter::write(const QString &path, const ExportProgress &progress)
{
    m_error.clear();
    m_cancelled = false;
    if (!m_plan.isPossible()) {
        m_error = m_plan.problem;
        return false;
    }
    const QFileInfo info(path);
    if (info.isDir()) {
        m_error = QStringLiteral("Cannot write %1: it is a folder.").arg(path);
        return false;
    }
    if (info.exists() && !info.isFile()) {
        // A device or pipe: QSaveFile would try to replace it with a regular file.
        m_error = QStringLiteral("Cannot write %1: it is not a regular file.").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    bool written = false;
    switch (m_settings.format) {
    case ExportFormat::Png:
        written = writePng(&file, progress);
        break;
    case ExportFormat::Svg:
        written = writeSvg(&file, progress);
        break;
    case ExportFormat::Pdf:
        written = writePdf(&file, progress);
        break;
    }
    if (!written) {
        file.cancelWriting();
        if (!m_cancelled) {
            m_error = QStringLiteral("Cannot write %1: %2")
                          .arg(path, m_error.isEmpty() ? file.errorString() : m_error);
        }
        return false;
    }
    if (!file.commit()) {
        m_error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool Exporter::writePng(QIODevice *device, const ExportProgress &progress)
{
    // The plan has checked the size, so these fit an int and each band stays near the budget.
    const int width = static_cast<int>(m_plan.width);
    const int height = static_cast<int>(m_plan.height);
    const double scale = m_settings.scale;
    const bool transparent = m_settings.transparent;
    const int bandRows = static_cast<int>(std::clamp<qint64>(
        m_settings.bandBytes / (qint64(width) * 4), 1, height));

    PngWriter png(device);
    const int dotsPerMeter = static_cast<int>(std::lround(96 / 0.0254 * scale));
    if (!png.begin(width, height, transparent ? PngWriter::Channels::Rgba
                                              : PngWriter::Channels::Rgb,
                   dotsPerMeter)) {
        m_error = png.errorString();
        return false;
    }
    // An opaque chart is painted in 32-bit pixels, which the painter is fastest at, and the
    // compression takes out the RGB bytes PNG wants. Bands take turns in three buffers: each is
    // painted and compressed by a job of its own (painting is const, and Qt 6 draws text on any
    // thread), so both cores work while this thread writes the finished bands out in order.
    constexpr int BandsInTurn = 3;
    std::array<QImage, BandsInTurn> bands;
    for (QImage &band : bands) {
        band = QImage(width, bandRows,
                      transparent ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
        if (band.isNull()) {
            m_error = QStringLiteral("Not enough memory for a band of %1 × %2 px.")
                          .arg(number(width), number(bandRows));
            return false;
        }
    }
    const auto paintAndCompress = [this, scale, transparent](QImage *band, int top, int rows,
                                                             bool last) {
        // Transparent is all zero bytes, opaque white all 0xff: a plain memset, where
        // QImage::fill() goes pixel by pixel.
        std::memset(band->bits(), transparent ? 0 : 0xff, static_cast<size_t>(band->sizeInBytes()));
        {
            QPainter painter(band);
            // Whole-pixel offsets: a card cut by a band edge is painted identically in both.
            painter.translate(0, -top);
            painter.scale(scale, scale);
            paint(painter, QRectF(0, top / scale, m_plan.canvas.width(), rows / scale));
        }
        // PNG wants straight alpha, which Qt cannot paint into quickly.
        return PngWriter::compress(transparent ? band->convertToFormat(QImage::Format_RGBA8888)
                                               : *band,
                                   rows, last);
    };
    // Declared after the buffers, so that leaving early waits for the jobs before freeing them.
    std::deque<std::future<PngWriter::Band>> inFlight;
    const auto writeOldest = [&] {
        const PngWriter::Band done = inFlight.front().get();
        inFlight.pop_front();
        if (!png.write(done)) {
            m_error = png.errorString();
            return false;
        }
        if (progress && !progress(png.rowsWritten(), height)) {
            m_cancelled = true;
            m_error = QStringLiteral("The export was cancelled.");
            return false;
        }
        return true;
    };
    for (int top = 0, turn = 0; top < height; top += bandRows, turn = (turn + 1) % BandsInTurn) {
        // The band painted three turns ago must be written before its buffer is reused.
        if (inFlight.size() >= BandsInTurn && !writeOldest())
            return false;
        const int rows = std::min(bandRows, height - top);
        inFlight.push_back(std::async(std::launch::async, paintAndCompress,
                                      &bands[static_cast<size_t>(turn)], top, rows,
                                      top + rows == height));
    }
    while (!inFlight.empty()) {
        if (!writeOldest())
            return false;
    }
    if (!png.finish()) {
        m_error = png.errorString();
        return false;
    }
    return true;
}

bool Exporter::writeSvg(QIODevice *device, const ExportProgress &progress)
{
    QSvgGenerator generator;
    generator.setOutputDevice(device);
    generator.setSize(QSize(static_cast<int>(m_plan.width), static_cast<int>(m_plan.height)));
    // Painted in chart pixels: the view box scales them, and the card painter, which leaves
    // out text when zoomed far out, always sees full size (an SVG can be zoomed).
    generator.setViewBox(QRectF(QPointF(0, 0), m_plan.canvas));
    generator.setResolution(96); // chart pixels are CSS pixels, as in the PDF
    generator.setTitle(title());
    generator.setDescription(QStringLiteral("Org chart exported by Rolescope"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        m_error = QStringLiteral("Could not start the SVG writer.");
        return false;
    }
    paint(painter, QRectF(QPointF(0, 0), m_plan.canvas));
    painter.end();
    if (progress && !progress(1, 1)) {
        m_cancelled = true;
        m_error = QStringLiteral("The export was cancelled.");
        return false;
    }
    return true;
}

double Exporter::pdfResolution() const
{
    // Device pixels per chart pixel stay at 1 or more: the card painter then keeps the text,
    // which a reader can zoom into even on a chart fitted on one page.
    return std::max<double>(MinPdfResolution, std::ceil(72 / m_pointsPerUnit));
}

bool Exporter::writePdf(QIODevice *device, const ExportProgress &progress)
{
    QPdfWriter writer(device);
    writer.setCreator(QStringLiteral("Rolescope"));
    writer.setTitle(title());
    writer.setPageLayout(QPageLayout(QPageSize(m_settings.pageSize), m_settings.pageOrientation,
                                     QMarginsF(PageMarginMm, PageMarginMm, PageMarginMm,
                                               PageMarginMm),
                                     QPageLayout::Millimeter));
    const int resolution = static_cast<int>(pdfResolution());
    writer.setResolution(resolution);
    const double unit = m_pointsPerUnit * resolution / 72; // device pixels per chart pixel
    const QRect page = writer.pageLayout().paintRectPixels(resolution);

    QPainter painter;
    if (!painter.begin(&writer)) {
        m_error = QStringLiteral("Could not start the PDF writer.");
        return false;
    }
    QFont numberFont = m_painter.style().smallFont;
    numberFont.setPixelSize(std::max(1, static_cast<int>(std::lround(9.0 / 72 * resolution))));
    const int pages = m_plan.pageCount();
    const QRectF canvas(QPointF(0, 0), m_plan.canvas);
    for (int index = 0; index < pages; ++index) {
        if (index > 0 && !writer.newPage()) {
            m_error = QStringLiteral("Could not start page %1 of the PDF.").arg(index + 1);
            return false;
        }
        const int row = index / m_plan.pageColumns;
        const int column = index % m_plan.pageColumns;
        const QRectF tile = QRectF(QPointF(column * m_tile.width(), row * m_tile.height()),
                                   m_tile) & canvas;
        painter.save();
        painter.scale(unit, unit);
        painter.translate(-tile.topLeft());
        painter.setClipRect(tile);
        paint(painter, tile);
        painter.restore();
        if (pages > 1) {
            painter.setFont(numberFont);
            painter.setPen(m_painter.style().mutedText);
            const QRectF strip(0, page.height() - PageNumberStripMm / 25.4 * resolution,
                               page.width(), PageNumberStripMm / 25.4 * resolution);
            painter.drawText(strip, Qt::AlignLeft | Qt::AlignBottom, title());
            painter.drawText(strip, Qt::AlignRight | Qt::AlignBottom,
                             QStringLiteral("Page %1 of %2 (row %3, column %4)")
                                 .arg(index + 1)
                                 .arg(pages)
                                 .arg(row + 1)
                                 .arg(column + 1));
        }
        if (progress && !progress(index + 1, pages)) {
            painter.end();
            m_cancelled = true;
            m_error = QStringLiteral("The export was cancelled.");
            return false;
        }
    }
    if (!painter.end()) {
        m_error = QStringLiteral("Could not finish the PDF.");
        return false;
    }
    return true;
}

bool writeWidgetExport(QWidget *content, const ExportSettings &settings, const QString &path,
                       QString *error)
{
    const auto fail = [&](const QString &reason) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, reason);
        return false;
    };
    const QSize size = content->size();
    const QSize pixels(pixelsFor(size.width(), settings.scale), pixelsFor(size.height(), settings.scale));
    if (size.isEmpty())
        return fail(QStringLiteral("there is nothing to export."));
    if (std::max(pixels.width(), pixels.height()) > ExportLimits::MaxSvgSide)
        return fail(QStringLiteral("%1 × %2 px is too large; use a smaller scale.")
                        .arg(pixels.width())
                        .arg(pixels.height()));
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return fail(QStringLiteral("it is not a regular file."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    if (settings.format == ExportFormat::Png) {
        QImage image(pixels, QImage::Format_RGB32);
        image.setDevicePixelRatio(settings.scale);
        image.fill(content->palette().color(QPalette::Base));
        content->render(&image);
        PngWriter png(&file);
        if (!png.begin(image.width(), image.height(), PngWriter::Channels::Rgb,
                       static_cast<int>(std::lround(96 / 0.0254 * settings.scale)))
            || !png.write(PngWriter::compress(image, image.height(), true)) || !png.finish()) {
            return fail(png.errorString());
        }
    } else if (settings.format == ExportFormat::Svg) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(pixels);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setResolution(96);
        QPainter painter(&generator);
        content->render(&painter);
    } else {
        QPdfWriter writer(&file);
        writer.setCreator(QStringLiteral("Rolescope"));
        writer.setPageLayout(QPageLayout(QPageSize(settings.pageSize), settings.pageOrientation,
                                         QMarginsF(PageMarginMm, PageMarginMm, PageMarginMm,
                                                   PageMarginMm),
                                         QPageLayout::Millimeter));
        writer.setResolution(MinPdfResolution);
        const QRect page = writer.pageLayout().paintRectPixels(MinPdfResolution);
        QPainter painter(&writer);
        const double fit = std::min(double(page.width()) / size.width(),
                                    double(page.height()) / size.height());
        painter.scale(fit, fit);
        content->render(&painter);
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

} // namespace rolescope
