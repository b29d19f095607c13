#pragma once

#include "app/departmentcolors.h"
#include "core/layout.h"
#include "core/model.h"

#include <QColor>
#include <QFont>
#include <QPen>
#include <QRectF>

class QPainter;
class QPalette;

namespace rolescope {

// What a card shows besides its role: selection, search hits and its collapse handle.
struct CardState
{
    bool selected = false;
    bool searchMatch = false;
    bool hasReports = false;
    bool collapsed = false;
    int hiddenBelow = 0; // roles hidden below the card by collapsing or a depth limit
    // "Who else does what I do": the role-pair overlap score with the compared role, in
    // [0, 1]; -1 when the chart is not tinted.
    double overlapTint = -1;
};

// Colours and fonts of the chart, derived from a palette so that dark themes work. Font sizes
// are in pixels: a card looks the same on screen and in an exported image.
struct CardStyle
{
    QColor background;
    QColor border;
    QColor text;
    QColor mutedText;
    QColor warningText;
    QColor highlight;
    QColor highlightedText;
    QColor match;
    QColor matchText;
    QColor connector;
    QColor dottedConnector;
    QColor handle;
    QFont titleFont;
    QFont bodyFont;
    QFont smallFont;

    // Manager-to-report lines are solid, dotted lines dashed; the chart and exports share this.
    static constexpr qreal ConnectorWidth = 1.5;
    QPen connectorPen(bool dottedLine) const;
    // What a connector's pen may touch: the bounds of its points, with the pen's width around.
    static QRectF connectorBounds(const LayoutConnector &connector);

    static CardStyle fromPalette(const QPalette &palette);
};

// Paints one role card into any QPainter: the chart scene on screen and image or PDF exports
// use it alike. Zoomed far out it paints shapes only, since text would be unreadable.
class CardPainter
{
public:
    CardPainter() = default;
    CardPainter(const Model *model, DepartmentColors colors, CardStyle style,
                Orientation orientation);

    const CardStyle &style() const { return m_style; }
    Orientation orientation() const { return m_orientation; }

    void paint(QPainter &painter, const QRectF &card, RoleIndex role,
               const CardState &state) const;
    // Whether a card painted at SCALE (device pixels per scene unit) is only a block: a
    // filled rectangle of blockColor(), never thinner than MinimumBlockPixels, so that a
    // chart zoomed far out is still seen as a whole.
    static bool isBlockScale(qreal scale);
    static constexpr qreal MinimumBlockPixels = 1.5;
    // The department's colour at such a distance; tints, hits and selection stand out.
    QColor blockColor(RoleIndex role, const CardState &state) const;
    // The collapse handle of a card with reports, astride its edge towards the reports.
    QRectF handleRect(const QRectF &card, const CardState &state) const;
    // Everything paint() may touch for a card, the largest handle included.
    QRectF paintedRect(const QRectF &card) const;

    static QString handleText(const CardState &state);
    static QString holdersText(const Role &role);
    static QString dutiesText(const Role &role);

private:
    void paintText(QPainter &painter, const QRectF &card, const Role &role) const;
    void paintHandle(QPainter &painter, const QRectF &card, const CardState &state) const;

    const Model *m_model = nullptr;
    DepartmentColors m_colors;
    CardStyle m_style;
    Orientation m_orientation = Orientation::TopDown;
};

} // namespace rolescope
