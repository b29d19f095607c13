#pragma once

#include <QPixmap>
#include <QTimer>
#include <QWidget>

namespace rolescope {

class ChartView;

// A minimap of the whole chart with the part the chart view shows outlined; clicking or
// dragging in it moves the view there. The chart is drawn once per layout into a pixmap.
class OverviewWidget : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewWidget(ChartView *view, QWidget *parent = nullptr);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void renderChart();
    QRectF chartArea() const; // where the scene is drawn in this widget
    void moveViewTo(const QPointF &widgetPos);

    ChartView *m_view;
    QPixmap m_chart;
    QTimer m_renderTimer;
};

} // namespace rolescope
