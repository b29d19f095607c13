#include "app/chartview.h"

#include "app/chartscene.h"
#include "app/document.h"
#include "app/rolecarditem.h"

#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QGestureEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace rolescope {

namespace {

// Low enough that Fit shows the whole of any chart the loader accepts: 2 million roles side by
// side are some 500 million px wide.
constexpr qreal MinZoom = 1e-6;
constexpr qreal MaxZoom = 4.0;
constexpr qreal ZoomStep = 1.25;
constexpr qreal VisibleMargin = 40;
// Fitting a big chart would make its cards specks; the first view stops at this zoom.
constexpr qreal ReadableZoom = 0.6;
// The first frame after a layout with this many cards makes the items in view or the far-out
// sketch, up to a tenth of a second on a busy machine: the cursor says the window is busy
// until it is painted.
constexpr size_t BusyCardCount = 20000;

} // namespace

ChartView::ChartView(ChartScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setDragMode(QGraphicsView::ScrollHandDrag);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->grabGesture(Qt::PinchGesture);
    m_scene->setPalette(palette());

    connect(document(), &Document::modelReset, this, &ChartView::onModelReset);
    connect(document(), &Document::selectionChanged, this, [this] {
        ensureRoleVisible(document()->currentRole());
    });
    connect(m_scene, &ChartScene::roleActivated, this, &ChartView::roleActivated);
    connect(m_scene, &ChartScene::layoutChanged, this, [this] {
        if (m_busyUntilPainted || !isVisible() || m_scene->layout().shown.size() < BusyCardCount)
            return;
        m_busyUntilPainted = true;
        QGuiApplication::setOverrideCursor(Qt::BusyCursor);
    });
    m_fitPending = true;
}

ChartView::~ChartView()
{
    if (m_busyUntilPainted)
        QGuiApplication::restoreOverrideCursor();
}

void ChartView::reserveTop(int height)
{
    if (viewportMargins().top() != height)
        setViewportMargins(0, height, 0, 0);
}

bool ChartView::showsSketch() const
{
    return CardPainter::isBlockScale(zoom());
}

void ChartView::paintEvent(QPaintEvent *event)
{
    if (showsSketch()) {
        paintSketch(*event);
    } else {
        m_scene->makeItemsIn(mapToScene(event->rect()).boundingRect());
        QGraphicsView::paintEvent(event);
    }
    if (m_busyUntilPainted) {
        m_busyUntilPainted = false;
        QGuiApplication::restoreOverrideCursor();
    }
}

void ChartView::paintSketch(const QPaintEvent &event)
{
    const qreal ratio = viewport()->devicePixelRatio();
    const QSize size = (QSizeF(viewport()->size()) * ratio).toSize();
    if (m_sketch.size() != size) {
        m_sketch = QImage(size, QImage::Format_RGB32);
        m_sketch.setDevicePixelRatio(ratio);
    }
    const QRect area = event.rect();
    const QRect pixels = QRectF(QPointF(area.topLeft()) * ratio, QSizeF(area.size()) * ratio)
                             .toAlignedRect()
                         & m_sketch.rect();
    if (pixels.isEmpty())
        return;
    const QRgb background = m_scene->backgroundBrush().color().rgb();
    for (int y = pixels.top(); y <= pixels.bottom(); ++y) {
        auto line = reinterpret_cast<QRgb *>(m_sketch.scanLine(y));
        std::fill(line + pixels.left(), line + pixels.right() + 1, background);
    }
    m_scene->paintSketch(m_sketch, viewportTransform() * QTransform::fromScale(ratio, ratio),
                         pixels);
    QPainter painter(viewport());
    painter.drawImage(QRectF(area), m_sketch, QRectF(pixels));
}

bool ChartView::viewportEvent(QEvent *event)
{
    // The items under the pointer exist before the scene looks for them.
    QPoint pointer(-1, -1);
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
        pointer = static_cast<QMouseEvent *>(event)->position().toPoint();
        break;
    case QEvent::ContextMenu:
        pointer = static_cast<QContextMenuEvent *>(event)->pos();
        break;
    case QEvent::ToolTip:
        pointer = static_cast<QHelpEvent *>(event)->pos();
        break;
    default:
        break;
    }
    if (viewport()->rect().contains(pointer))
        m_scene->makeItemsIn(mapToScene(QRect(pointer - QPoint(2, 2), QSize(5, 5))).boundingRect());
    return QGraphicsView::viewportEvent(event);
}

Document *ChartView::document() const
{
    return m_scene->document();
}

qreal ChartView::zoom() const
{
    return transform().m11();
}

void ChartView::setZoom(qreal zoom)
{
    m_autoFit = false;
    scaleBy(qBound(MinZoom, zoom, MaxZoom) / this->zoom());
}

void ChartView::scaleBy(qreal factor)
{
    const qreal target = qBound(MinZoom, zoom() * factor, MaxZoom);
    factor = target / zoom();
    if (qFuzzyCompare(factor, 1.0))
        return;
    scale(factor, factor);
    emit zoomChanged(zoom());
}

void ChartView::zoomIn()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    m_autoFit = false;
    scaleBy(ZoomStep);
    setTransformationAnchor(anchor);
}

void ChartView::zoomOut()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    m_autoFit = false;
    scaleBy(1 / ZoomStep);
    setTransformationAnchor(anchor);
}

void ChartView::zoomToFit()
{
    const QRectF rect = m_scene->sceneRect();
    if (rect.isEmpty())
        return;
    const QRectF available = viewport()->rect().adjusted(4, 4, -4, -4);
    // A small chart is shown at its natural size rather than blown up.
    const qreal fit = qMin(available.width() / rect.width(), available.height() / rect.height());
    setTransform(QTransform::fromScale(1, 1));
    scaleBy(qMin(fit, 1.0));
    centerOn(rect.center());
    m_autoFit = true;
    emit zoomChanged(zoom());
}

void ChartView::showStartOfChart()
{
    zoomToFit();
    const Layout &layout = m_scene->layout();
    if (zoom() >= ReadableZoom || layout.shown.empty())
        return;
    m_autoFit = false;
    setTransform(QTransform::fromScale(ReadableZoom, ReadableZoom));
    // The top of the chart: over the only tree's root, or the left end of a forest.
    const QRectF first = m_scene->cardRect(layout.shown.front());
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const bool oneTree = m_scene->document()->model().topRoles().size() == 1
                         || m_scene->document()->focusRoot() != NoRole;
    const qreal x = oneTree ? first.center().x() : m_scene->sceneRect().left() + visible.width() / 2;
    centerOn(x, m_scene->sceneRect().top() + visible.height() / 2);
    emit zoomChanged(zoom());
}

void ChartView::zoomToActualSize()
{
    const QPointF center = mapToScene(viewport()->rect().center());
    m_autoFit = false;
    setTransform(QTransform());
    centerOn(center);
    emit zoomChanged(zoom());
}

void ChartView::ensureRoleVisible(RoleIndex role)
{
    const QRectF rect = m_scene->cardRect(role);
    if (!rect.isEmpty())
        ensureVisible(rect, VisibleMargin, VisibleMargin);
}

void ChartView::onModelReset(bool keptState)
{
    if (keptState)
        return;
    if (isVisible())
        showStartOfChart();
    else
        m_fitPending = true;
}

void ChartView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    // Until the user zooms, the chart follows the window's size.
    if (m_fitPending && isVisible()) {
        m_fitPending = false;
        showStartOfChart();
    } else if (m_autoFit) {
        zoomToFit();
    }
}

void ChartView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_fitPending) {
        m_fitPending = false;
        showStartOfChart();
    }
}

RoleIndex ChartView::neighbour(RoleIndex role, Qt::Key key) const
{
    enum Direction { ToManager, ToReport, ToPrevious, ToNext, Nowhere };
    const bool topDown = m_scene->layoutOptions().orientation == Orientation::TopDown;
    Direction direction = Nowhere;
    switch (key) {
    case Qt::Key_Up:
        direction = topDown ? ToManager : ToPrevious;
        break;
    case Qt::Key_Down:
        direction = topDown ? ToReport : ToNext;
        break;
    case Qt::Key_Left:
        direction = topDown ? ToPrevious : ToManager;
        break;
    case Qt::Key_Right:
        direction = topDown ? ToNext : ToReport;
        break;
    default:
        return NoRole;
    }

    const Document *doc = document();
    const Model &model = doc->model();
    RoleIndex target = NoRole;
    if (direction == ToManager) {
        target = model.parentOf(role);
    } else if (direction == ToReport) {
        const auto children = model.childrenOf(role);
        if (!children.empty())
            target = children.front();
    } else {
        const auto siblings = doc->siblingsOf(role);
        const int row = doc->rowOf(role) + (direction == ToNext ? 1 : -1);
        if (row >= 0 && row < static_cast<int>(siblings.size()))
            target = siblings[static_cast<size_t>(row)];
    }
    return m_scene->isShown(target) ? target : NoRole;
}

bool ChartView::event(QEvent *event)
{
    if (event->type() == QEvent::NativeGesture) {
        const auto gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            m_autoFit = false;
            scaleBy(1 + gesture->value());
            return true;
        }
    } else if (event->type() == QEvent::Gesture) {
        const auto gestureEvent = static_cast<QGestureEvent *>(event);
        if (const auto pinch = static_cast<QPinchGesture *>(gestureEvent->gesture(Qt::PinchGesture))) {
            m_autoFit = false;
            scaleBy(pinch->scaleFactor());
            return true;
        }
    }
    return QGraphicsView::event(event);
}

void ChartView::wheelEvent(QWheelEvent *event)
{
    // A mouse wheel zooms; a touchpad's two-finger scroll (pixel deltas) pans unless Ctrl is held.
    if ((event->modifiers() & Qt::ControlModifier) || event->pixelDelta().isNull()) {
        m_autoFit = false;
        scaleBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void ChartView::keyPressEvent(QKeyEvent *event)
{
    Document *doc = document();
    if (!doc->hasModel()) {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    const RoleIndex current = doc->currentRole();
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        zoomToFit();
        return;
    case Qt::Key_1:
        zoomToActualSize();
        return;
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_Left:
    case Qt::Key_Right: {
        if (!m_scene->isShown(current)) {
            if (!m_scene->layout().shown.empty())
                doc->selectRole(m_scene->layout().shown.front());
            return;
        }
        const RoleIndex target = neighbour(current, static_cast<Qt::Key>(event->key()));
        if (target != NoRole)
            doc->selectRole(target);
        return;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (current != NoRole)
            emit roleActivated(current);
        return;
    case Qt::Key_Space:
        if (current != NoRole)
            doc->setCollapsed(current, !doc->isCollapsed(current));
        return;
    case Qt::Key_Escape:
        doc->clearSelection();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void ChartView::contextMenuEvent(QContextMenuEvent *event)
{
    Document *doc = document();
    if (!doc->hasModel())
        return;
    QMenu menu(this);
    const auto card = qgraphicsitem_cast<RoleCardItem *>(itemAt(event->pos()));
    if (card) {
        const RoleIndex role = card->role();
        if (!doc->isSelected(role))
            doc->selectRole(role);
        menu.addAction(tr("Show Details"), this, [this, role] { emit roleActivated(role); });
        menu.addAction(tr("Focus on This Subtree"), doc, [doc, role] { doc->setFocusRoot(role); });
        if (!doc->model().childrenOf(role).empty()) {
            const bool collapsed = doc->isCollapsed(role);
            menu.addAction(collapsed ? tr("Expand") : tr("Collapse"), doc,
                           [doc, role, collapsed] { doc->setCollapsed(role, !collapsed); });
            menu.addAction(tr("Expand All Below"), doc, [doc, role] { doc->expandSubtree(role); });
        }
        emit roleMenuRequested(&menu, role);
    } else {
        menu.addAction(tr("Fit Chart"), this, &ChartView::zoomToFit);
        menu.addAction(tr("Expand All"), doc, &Document::expandAll);
        if (doc->focusRoot() != NoRole) {
            menu.addAction(tr("Show Whole Organisation"), doc,
                           [doc] { doc->setFocusRoot(NoRole); });
        }
    }
    menu.exec(event->globalPos());
}

void ChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_scene->setPalette(palette());
    QGraphicsView::changeEvent(event);
}

} // namespace rolescope
