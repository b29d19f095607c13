#include "app/cardpainter.h"

#include "app/overlapcolors.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QTextLayout>

#include <algorithm>

namespace rolescope {

namespace {

constexpr qreal Padding = 10;
constexpr qreal BandHeight = 6;
constexpr qreal Radius = 6;
constexpr qreal HandleHeight = 18;
constexpr qreal HandleMaxWidth = 60;
// Below these scales text and then rounded shapes are no longer worth painting.
constexpr qreal TextLevelOfDetail = 0.35;
constexpr qreal ShapeLevelOfDetail = 0.12;

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amountOfB,
                            a.greenF() + (b.greenF() - a.greenF()) * amountOfB,
                            a.blueF() + (b.blueF() - a.blueF()) * amountOfB);
}

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Wraps TEXT into at most MAXLINES lines of WIDTH, eliding the last one.
QStringList wrapLines(const QString &text, const QFont &font, qreal width, int maxLines)
{
    QStringList lines;
    QTextLayout layout(text, font);
    layout.beginLayout();
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) {
            const QString rest = text.mid(line.textStart());
            lines.append(QFontMetricsF(font).elidedText(rest, Qt::ElideRight, width));
            break;
        }
        lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
    }
    layout.endLayout();
    return lines;
}

// What of the painter's logical coordinates can reach its device: a band of a PNG export
// crosses a card in a strip of rows, and laying out text that falls outside it was most of the
// cost of painting the card there.
QRectF reachableArea(const QPainter &painter)
{
    const QPaintDevice *device = painter.device();
    QRectF area = painter.worldTransform().inverted().mapRect(
        QRectF(0, 0, device->width(), device->height()));
    if (painter.hasClipping())
        area &= painter.clipBoundingRect();
    return area;
}

} // namespace

QRectF CardStyle::connectorBounds(const LayoutConnector &connector)
{
    QRectF bounds;
    if (!connector.points.empty()) {
        double left = connector.points.front().x;
        double right = left;
        double top = connector.points.front().y;
        double bottom = top;
        for (const LayoutPoint &point : connector.points) {
            left = std::min(left, point.x);
            right = std::max(right, point.x);
            top = std::min(top, point.y);
            bottom = std::max(bottom, point.y);
        }
        bounds = QRectF(left, top, right - left, bottom - top);
    }
    return bounds.adjusted(-ConnectorWidth, -ConnectorWidth, ConnectorWidth, ConnectorWidth);
}

QPen CardStyle::connectorPen(bool dottedLine) const
{
    QPen pen(dottedLine ? dottedConnector : connector, ConnectorWidth);
    if (dottedLine)
        pen.setStyle(Qt::DashLine);
    return pen;
}

CardStyle CardStyle::fromPalette(const QPalette &palette)
{
    CardStyle style;
    style.background = palette.color(QPalette::Base);
    style.text = palette.color(QPalette::Text);
    const bool dark = style.background.lightnessF() < 0.5;
    style.border = mix(style.background, style.text, 0.3);
    style.mutedText = mix(style.text, style.background, 0.4);
    style.warningText = dark ? QColor(0xf0a050) : QColor(0xb35c00);
    style.highlight = palette.color(QPalette::Highlight);
    style.highlightedText = palette.color(QPalette::HighlightedText);
    style.match = dark ? QColor(0x6b5a12) : QColor(0xffe58a);
    style.matchText = dark ? QColor(0xfff4c8) : QColor(0x1f1a00);
    style.connector = mix(style.text, style.background, 0.55);
    style.dottedConnector = mix(style.highlight, style.background, 0.3);
    style.handle = palette.color(QPalette::Button);

    style.titleFont.setPixelSize(14);
    style.titleFont.setBold(true);
    style.bodyFont.setPixelSize(12);
    style.smallFont.setPixelSize(11);
    return style;
}

CardPainter::CardPainter(const Model *model, DepartmentColors colors, CardStyle style,
                         Orientation orientation)
    : m_model(model)
    , m_colors(std::move(colors))
    , m_style(std::move(style))
    , m_orientation(orientation)
{
}

QString CardPainter::handleText(const CardState &state)
{
    return state.collapsed ? QStringLiteral("+%1").arg(state.hiddenBelow) : QStringLiteral("−");
}

QString CardPainter::holdersText(const Role &role)
{
    if (role.isVacant())
        return QStringLiteral("Vacant");
    QStringList names;
    for (const std::string &holder : role.holders)
        names.append(fromStd(holder));
    return names.join(QStringLiteral(", "));
}

QString CardPainter::dutiesText(const Role &role)
{
    const auto count = role.responsibilities.size();
    if (count == 0)
        return QStringLiteral("No duties");
    return count == 1 ? QStringLiteral("1 duty") : QStringLiteral("%1 duties").arg(count);
}

QRectF CardPainter::handleRect(const QRectF &card, const CardState &state) const
{
    if (!state.hasReports)
        return {};
    const qreal textWidth = QFontMetricsF(m_style.smallFont).horizontalAdvance(handleText(state));
    const qreal width = qBound(HandleHeight + 4, textWidth + 12, HandleMaxWidth);
    QRectF handle(0, 0, width, HandleHeight);
    if (m_orientation == Orientation::TopDown)
        handle.moveCenter(QPointF(card.center().x(), card.bottom()));
    else
        handle.moveCenter(QPointF(card.right(), card.center().y()));
    return handle;
}

QRectF CardPainter::paintedRect(const QRectF &card) const
{
    const qreal margin = 2; // half the selection outline
    return card.adjusted(-margin, -margin, margin, margin)
        .united(m_orientation == Orientation::TopDown
                    ? QRectF(card.center().x() - HandleMaxWidth / 2, card.bottom(), HandleMaxWidth,
                             HandleHeight / 2 + 1)
                    : QRectF(card.right(), card.center().y() - HandleHeight / 2,
                             HandleMaxWidth / 2 + 1, HandleHeight));
}

bool CardPainter::isBlockScale(qreal scale)
{
    return scale < ShapeLevelOfDetail;
}

QColor CardPainter::blockColor(RoleIndex role, const CardState &state) const
{
    if (state.selected)
        return m_style.highlight;
    if (state.searchMatch)
        return m_style.match.darker(115);
    if (state.overlapTint > 0)
        return OverlapColors::tint(m_style.background, state.overlapTint);
    return mix(m_colors.colorOf(m_model->role(role)), m_style.background, 0.35);
}

void CardPainter::paint(QPainter &painter, const QRectF &card, RoleIndex role,
                        const CardState &state) const
{
    const Role &r = m_model->role(role);
    const QColor department = m_colors.colorOf(r);
    const qreal lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter.worldTransform());
    painter.save();

    if (lod < ShapeLevelOfDetail) {
        const QColor fill = blockColor(role, state);
        const qreal minimum = MinimumBlockPixels / qMax(lod, 1e-6);
        QRectF block = card;
        if (block.width() < minimum || block.height() < minimum) {
            block.setSize(block.size().expandedTo(QSizeF(minimum, minimum)));
            block.moveCenter(card.center());
        }
        painter.fillRect(block, fill);
        painter.restore();
        return;
    }

    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    const QColor fill = state.searchMatch ? m_style.match : m_style.background;
    painter.setBrush(state.overlapTint > 0 ? OverlapColors::tint(fill, state.overlapTint) : fill);
    painter.drawRoundedRect(card, Radius, Radius);

    QPainterPath outline;
    outline.addRoundedRect(card, Radius, Radius);
    painter.save();
    painter.setClipPath(outline, Qt::IntersectClip); // keep the clip of a page or band
    const QRectF band = m_orientation == Orientation::TopDown
                            ? QRectF(card.left(), card.top(), card.width(), BandHeight)
                            : QRectF(card.left(), card.top(), BandHeight, card.height());
    painter.fillRect(band, department);
    painter.restore();

    if (lod >= TextLevelOfDetail)
        paintText(painter, card, r);

    painter.setBrush(Qt::NoBrush);
    if (state.selected)
        painter.setPen(QPen(m_style.highlight, 3));
    else
        painter.setPen(QPen(state.searchMatch ? m_style.match.darker(140) : m_style.border, 1));
    painter.drawRoundedRect(card, Radius, Radius);

    paintHandle(painter, card, state);
    painter.restore();
}

void CardPainter::paintText(QPainter &painter, const QRectF &card, const Role &r) const
{
    const qreal left = card.left() + Padding
                       + (m_orientation == Orientation::LeftToRight ? BandHeight : 0);
    const qreal top = card.top() + (m_orientation == Orientation::TopDown ? BandHeight : 0) + 6;
    const qreal width = card.right() - Padding - left;

    // Each block of text is laid out only where some of it can be seen (a line's box, with half
    // a line to spare for accents and descenders).
    const QRectF reachable = reachableArea(painter);
    const auto reaches = [&](qreal lineTop, qreal lineBottom) {
        const qreal spare = (lineBottom - lineTop) / 2;
        return reachable.intersects(
            QRectF(card.left(), lineTop - spare, card.width(), lineBottom - lineTop + 2 * spare));
    };

    const QFontMetricsF titleMetrics(m_style.titleFont);
    if (reaches(top, top + 2 * titleMetrics.lineSpacing())) {
        painter.setPen(m_style.text);
        painter.setFont(m_style.titleFont);
        qreal y = top;
        for (const QString &line : wrapLines(fromStd(r.title), m_style.titleFont, width, 2)) {
            painter.drawText(QPointF(left, y + titleMetrics.ascent()), line);
            y += titleMetrics.lineSpacing();
        }
    }

    const QFontMetricsF bodyMetrics(m_style.bodyFont);
    const qreal holdersBaseline = card.top() + card.height() * 0.58 + bodyMetrics.ascent();
    if (reaches(holdersBaseline - bodyMetrics.ascent(), holdersBaseline + bodyMetrics.descent())) {
        QFont holdersFont = m_style.bodyFont;
        holdersFont.setItalic(r.isVacant());
        painter.setFont(holdersFont);
        painter.setPen(r.isVacant() ? m_style.mutedText : m_style.text);
        painter.drawText(QPointF(left, holdersBaseline),
                         QFontMetricsF(holdersFont).elidedText(holdersText(r), Qt::ElideRight,
                                                               width));
    }

    const QFontMetricsF smallMetrics(m_style.smallFont);
    const qreal footerBaseline = card.bottom() - 8 - smallMetrics.descent();
    if (!reaches(footerBaseline - smallMetrics.ascent(), footerBaseline + smallMetrics.descent()))
        return;
    painter.setFont(m_style.smallFont);
    const QString duties = dutiesText(r);
    const qreal dutiesWidth = smallMetrics.horizontalAdvance(duties);
    painter.setPen(r.responsibilities.empty() ? m_style.warningText : m_style.mutedText);
    painter.drawText(QPointF(card.right() - Padding - dutiesWidth, footerBaseline), duties);
    painter.setPen(m_style.mutedText);
    const QString department = fromStd(m_model->departmentName(r));
    painter.drawText(QPointF(left, footerBaseline),
                     smallMetrics.elidedText(department, Qt::ElideRight,
                                             width - dutiesWidth - Padding));
}

void CardPainter::paintHandle(QPainter &painter, const QRectF &card, const CardState &state) const
{
    const QRectF handle = handleRect(card, state);
    if (handle.isNull())
        return;
    painter.setPen(QPen(m_style.border, 1));
    painter.setBrush(state.collapsed ? m_style.highlight : m_style.handle);
    painter.drawRoundedRect(handle, HandleHeight / 2, HandleHeight / 2);
    painter.setPen(state.collapsed ? m_style.highlightedText : m_style.text);
    painter.setFont(m_style.smallFont);
    painter.drawText(handle, Qt::AlignCenter, handleText(state));
}

} // namespace rolescope
