#include "app/rolecarditem.h"

#include "app/chartscene.h"
#include "app/document.h"

#include <QCursor>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>

namespace rolescope {

RoleCardItem::RoleCardItem(RoleIndex role, const QSizeF &size)
    : m_role(role)
    , m_size(size)
{
    setAcceptedMouseButtons(Qt::LeftButton);
    setCursor(Qt::PointingHandCursor);
}

ChartScene *RoleCardItem::chartScene() const
{
    return static_cast<ChartScene *>(scene());
}

QRectF RoleCardItem::boundingRect() const
{
    return chartScene()->cardPainter().paintedRect(cardRect());
}

QPainterPath RoleCardItem::shape() const
{
    QPainterPath path;
    path.addRect(cardRect());
    const QRectF handle = chartScene()->cardPainter().handleRect(cardRect(),
                                                                 chartScene()->cardState(m_role));
    if (!handle.isNull())
        path.addRect(handle);
    return path;
}

void RoleCardItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const ChartScene *scene = chartScene();
    scene->cardPainter().paint(*painter, cardRect(), m_role, scene->cardState(m_role));
}

void RoleCardItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    ChartScene *scene = chartScene();
    Document *document = scene->document();
    const CardState state = scene->cardState(m_role);
    if (scene->cardPainter().handleRect(cardRect(), state).contains(event->pos())) {
        // The collapse changes the layout, which repositions this very item: let the press
        // finish first.
        const RoleIndex role = m_role;
        const bool collapse = !state.collapsed;
        QMetaObject::invokeMethod(document, [document, role, collapse] {
            document->setCollapsed(role, collapse);
        }, Qt::QueuedConnection);
    } else if (event->modifiers() & Qt::ControlModifier) {
        document->toggleRoleSelected(m_role);
    } else {
        document->selectRole(m_role);
    }
    event->accept();
}

void RoleCardItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    chartScene()->activateRole(m_role);
    event->accept();
}

} // namespace rolescope
