#include "app/overviewwidget.h"

#include "app/chartscene.h"
#include "app/chartview.h"

#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace rolescope {

namespace {

constexpr qreal MinimumChartHeight = 24;

} // namespace

OverviewWidget::OverviewWidget(ChartView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setMinimumSize(120, 80);
    setCursor(Qt::CrossCursor);
    // Several layout changes in a row (reload, then restoring state) render once.
    m_renderTimer.setSingleShot(true);
    m_renderTimer.setInterval(0);
    connect(&m_renderTimer, &QTimer::timeout, this, &OverviewWidget::renderChart);
    connect(view->chartScene(), &ChartScene::layoutChanged, &m_renderTimer,
            qOverload<>(&QTimer::start));
    const auto repaint = [this] { update(); };
    connect(view->horizontalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(view, &ChartView::zoomChanged, this, repaint);
}

QSize OverviewWidget::sizeHint() const
{
    return QSize(240, 160);
}

QRectF OverviewWidget::chartArea() const
{
    const QRectF scene = m_view->chartScene()->sceneRect();
    if (scene.isEmpty())
        return {};
    const QRectF available = QRectF(rect()).adjusted(4, 4, -4, -4);
    const qreal scale = qMin(available.width() / scene.width(), available.height() / scene.height());
    // A chart thousands of times wider than high would shrink to a hairline; keep it visible
    // (squeezed vertically rather than invisible).
    QRectF area(0, 0, scene.width() * scale, qMax(scene.height() * scale, MinimumChartHeight));
    area.moveCenter(available.center());
    return area;
}

void OverviewWidget::renderChart()
{
    const QRectF area = chartArea();
    if (area.isEmpty()) {
        m_chart = QPixmap();
        update();
        return;
    }
    const qreal ratio = devicePixelRatioF();
    ChartScene *scene = m_view->chartScene();
    const QRectF sceneRect = scene->sceneRect();
    QImage chart((area.size() * ratio).toSize(), QImage::Format_RGB32);
    chart.setDevicePixelRatio(ratio);
    chart.fill(palette().color(QPalette::Window));
    const QTransform toChart = QTransform::fromTranslate(-sceneRect.left(), -sceneRect.top())
                               * QTransform::fromScale(chart.width() / sceneRect.width(),
                                                       chart.height() / sceneRect.height());
    if (CardPainter::isBlockScale(qMin(toChart.m11(), toChart.m22()) / ratio)) {
        // A large chart: drawn from its layout, not item by item.
        scene->paintSketch(chart, toChart, chart.rect());
    } else {
        scene->makeItemsIn(sceneRect);
        QPainter painter(&chart);
        scene->render(&painter, QRectF(QPointF(0, 0), area.size()), sceneRect,
                      Qt::IgnoreAspectRatio);
    }
    m_chart = QPixmap::fromImage(std::move(chart));
    update();
}

void OverviewWidget::resizeEvent(QResizeEvent *)
{
    m_renderTimer.start();
}

void OverviewWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QRectF area = chartArea();
    if (area.isEmpty() || m_chart.isNull())
        return;
    painter.drawPixmap(area.topLeft(), m_chart);

    const QRectF scene = m_view->chartScene()->sceneRect();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    const qreal scaleX = area.width() / scene.width();
    const qreal scaleY = area.height() / scene.height();
    QRectF frame((visible.left() - scene.left()) * scaleX + area.left(),
                 (visible.top() - scene.top()) * scaleY + area.top(), visible.width() * scaleX,
                 visible.height() * scaleY);
    frame = frame.intersected(area);
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(40);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
    painter.setBrush(fill);
    painter.drawRect(frame);
}

void OverviewWidget::moveViewTo(const QPointF &widgetPos)
{
    const QRectF area = chartArea();
    if (area.isEmpty())
        return;
    const QRectF scene = m_view->chartScene()->sceneRect();
    m_view->centerOn((widgetPos.x() - area.left()) * scene.width() / area.width() + scene.left(),
                     (widgetPos.y() - area.top()) * scene.height() / area.height() + scene.top());
}

void OverviewWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        moveViewTo(event->position());
}

void OverviewWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        moveViewTo(event->position());
}

} // namespace rolescope
