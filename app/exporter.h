#pragma once

#include "app/cardpainter.h"
#include "core/layout.h"
#include "core/model.h"

#include <QDate>
#include <QPageLayout>
#include <QPageSize>
#include <QRectF>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

class QIODevice;
class QPainter;
class QWidget;

namespace rolescope {

enum class ExportFormat { Png, Svg, Pdf };

// The format named by PATH's extension (.png, .svg, .pdf, any case); none for anything else.
std::optional<ExportFormat> exportFormatForPath(const QString &path);
QString exportFormatExtension(ExportFormat format); // "png", ...

// What an export shows: a laid-out part of a model, the region of it to draw, and an
// optional highlighted role whose overlapping roles are tinted by how much work they share.
struct ExportChart
{
    const Model *model = nullptr;
    Layout layout;
    Orientation orientation = Orientation::TopDown;
    // In chart coordinates. Everything painted for the shown cards when it is the default;
    // smaller for the visible area of a window, where cards at the edge are cut.
    QRectF region;
    bool clipToRegion = false;
    RoleIndex highlighted = NoRole;
    // By RoleIndex: the overlap score of each role with the highlighted one (0: none); empty
    // when overlaps are not shown.
    std::vector<double> overlapScores;

    // Lays out SCOPE of MODEL (which must outlive the chart) with OPTIONS.
    static ExportChart laidOut(const Model &model, const LayoutOptions &options,
                               const LayoutScope &scope);
    // Marks ROLE's card; with OVERLAPS, tints every card by the overlap of its duties with
    // ROLE's (core's overlap analysis of ROLE, so this costs what `rolescope overlaps --role`
    // costs), at MINSCORE or else the model's threshold. CACHE_ENTRY is the model's ModelCache
    // entry, whose KeptDuties spare reading every duty's words.
    void highlight(RoleIndex role, bool overlaps, std::optional<double> minScore = {},
                   const QString &cacheEntry = {});
};

struct ExportSettings
{
    ExportFormat format = ExportFormat::Png;
    // PNG and SVG: output pixels per chart pixel. PDF: magnification over 96 chart pixels
    // per inch. Cards at 1 have 14 px titles: sharp on a slide, readable at 100 %.
    double scale = 1;
    bool transparent = false; // PNG only; SVG is always transparent, PDF always white
    double margin = 24;       // in chart pixels, around everything
    bool footer = false;      // a line with the title and the date under the chart
    QString title;            // empty: the organisation's name
    QDate date;               // invalid: today
    bool legend = false;      // the colour of each department shown
    // PDF: the chart is split across pages of this size at the scale above, each page
    // numbered, unless it is fitted on one page (vector output stays sharp when zoomed).
    QPageSize::PageSizeId pageSize = QPageSize::A4;
    QPageLayout::Orientation pageOrientation = QPageLayout::Landscape;
    bool fitToPage = false;
    // PNG: the memory for one band of rows; smaller bands repaint the cards they cut more often.
    qint64 bandBytes = 64 * 1024 * 1024;
};

// The limits that keep an export bounded. A PNG is painted in bands and streamed, so its
// memory stays near ExportSettings::bandBytes (plus the band being compressed) whatever its
// size.
// Its sides may pass the 32,767 px that QImage-based viewers handle: a whole 10,000-role chart
// is about a million pixels wide. The area is capped at 2^31 pixels (8 GB once decoded as
// RGBA), the width at 2^22 px, where a band of 4 rows fills the default band budget.
struct ExportLimits
{
    static constexpr qint64 MaxSvgSide = 32767;
    static constexpr qint64 MaxPngSide = qint64(1) << 22;
    static constexpr qint64 MaxPngPixels = qint64(1) << 31;
    static constexpr int MaxPages = 2000;
    static constexpr double MinScale = 0.25;
    static constexpr double MaxScale = 4;
};

// What an export will produce, known before anything is drawn.
struct ExportPlan
{
    QSizeF canvas;       // in chart pixels: the region, margins, legend and footer
    qint64 width = 0;    // PNG and SVG: in output pixels
    qint64 height = 0;
    int pageColumns = 0; // PDF
    int pageRows = 0;
    int roles = 0;       // cards in the region
    QString problem;     // why it cannot be exported as asked; empty when it can

    int pageCount() const { return pageColumns * pageRows; }
    bool isPossible() const { return problem.isEmpty(); }
    // "4,120 × 2,340 px", "12 pages (4 × 3)" or the problem.
    QString summary(ExportFormat format) const;
};

// Called as the export goes on; return false to cancel it.
using ExportProgress = std::function<bool(qint64 done, qint64 total)>;

// Draws an ExportChart with the card painter of the chart window and writes it as PNG, SVG
// or PDF through QSaveFile: a failed or cancelled export leaves an existing file untouched.
class Exporter
{
public:
    Exporter(ExportChart chart, ExportSettings settings);

    const ExportChart &chart() const { return m_chart; }
    const ExportSettings &settings() const { return m_settings; }
    const ExportPlan &plan() const { return m_plan; }

    // Where a point of the chart (layout coordinates) lands on the canvas.
    QPointF toCanvas(const QPointF &chartPoint) const;
    // Paints the part CLIP of the canvas (chart pixels, origin at the canvas's top left) with
    // the painter's transform; the caller fills the background.
    void paint(QPainter &painter, const QRectF &clip) const;

    bool write(const QString &path, const ExportProgress &progress = {});
    QString errorString() const { return m_error; }
    bool wasCancelled() const { return m_cancelled; }

private:
    struct Legend
    {
        QColor color;
        QString name;
        QRectF rect = {};  // on the canvas
    };

    void makePlan();
    void planPdf(double canvasWidth, double canvasHeight);
    double pdfResolution() const;
    bool writePng(QIODevice *device, const ExportProgress &progress);
    bool writeSvg(QIODevice *device, const ExportProgress &progress);
    bool writePdf(QIODevice *device, const ExportProgress &progress);
    void paintChart(QPainter &painter, const QRectF &clip) const;
    void paintLegend(QPainter &painter) const;
    void paintFooter(QPainter &painter) const;
    CardState cardState(RoleIndex role) const;
    QString title() const;

    ExportChart m_chart;
    ExportSettings m_settings;
    CardPainter m_painter;
    ExportPlan m_plan;
    std::vector<RoleIndex> m_byTop; // the cards in the region, by the top of their rects
    std::vector<QRectF> m_connectorBounds;
    QMarginsF m_cardOverhang;       // how far painting reaches outside a card's rect
    double m_maxCardReach = 0;      // the tallest card with its overhang
    QPointF m_chartOrigin;          // where the region's top left lands on the canvas
    std::vector<Legend> m_legend;
    QRectF m_legendRect;
    QRectF m_footerRect;
    double m_pointsPerUnit = 0.75;  // PDF points per chart pixel
    QSizeF m_tile;                  // the part of the canvas on one PDF page
    QString m_error;
    bool m_cancelled = false;
};

// Writes a widget as it is laid out now (the comparison view's content) as PNG at the scale of
// SETTINGS, as SVG, or as PDF fitted on one page, through QSaveFile like every export. Returns
// false with the reason in ERROR.
bool writeWidgetExport(QWidget *content, const ExportSettings &settings, const QString &path,
                       QString *error);

} // namespace rolescope
