#pragma once

#include "core/layout.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace rolescope {

// An orthogonal line from a manager to a report, or a dashed dotted-line relationship.
class ConnectorItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    explicit ConnectorItem(const LayoutConnector &connector);

    int type() const override { return Type; }
    bool isDottedLine() const { return m_dottedLine; }
    RoleIndex from() const { return m_from; }
    RoleIndex to() const { return m_to; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

private:
    QRectF m_bounds;
    QPainterPath m_path;
    RoleIndex m_from;
    RoleIndex m_to;
    bool m_dottedLine;
};

} // namespace rolescope
