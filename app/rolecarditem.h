#pragma once

#include "core/model.h"

#include <QGraphicsItem>

namespace rolescope {

class ChartScene;

// One role's card in the chart. Its look comes from the scene's CardPainter, its state
// (selected, matched, collapsed) from the document, so the item itself stays small.
class RoleCardItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    RoleCardItem(RoleIndex role, const QSizeF &size);

    int type() const override { return Type; }
    RoleIndex role() const { return m_role; }
    QRectF cardRect() const { return QRectF(QPointF(0, 0), m_size); }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    ChartScene *chartScene() const;

    RoleIndex m_role;
    QSizeF m_size;
};

} // namespace rolescope
