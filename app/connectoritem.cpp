#include "app/connectoritem.h"

#include "app/chartscene.h"

#include <QPainter>

namespace rolescope {

ConnectorItem::ConnectorItem(const LayoutConnector &connector)
    : m_bounds(CardStyle::connectorBounds(connector))
    , m_from(connector.from)
    , m_to(connector.to)
    , m_dottedLine(connector.dottedLine)
{
    if (!connector.points.empty()) {
        m_path.moveTo(connector.points.front().x, connector.points.front().y);
        for (size_t i = 1; i < connector.points.size(); ++i)
            m_path.lineTo(connector.points[i].x, connector.points[i].y);
    }
    setZValue(-1); // under the cards
    setAcceptedMouseButtons(Qt::NoButton);
}

QRectF ConnectorItem::boundingRect() const
{
    return m_bounds;
}

void ConnectorItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const CardStyle &style = static_cast<ChartScene *>(scene())->cardPainter().style();
    painter->setPen(style.connectorPen(m_dottedLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
}

} // namespace rolescope
