#pragma once

#include "core/model.h"

#include <QGraphicsView>
#include <QImage>

class QMenu;

namespace rolescope {

class ChartScene;
class Document;

// The chart on screen: zoom by wheel, pinch and keys, pan by dragging and scroll bars, and
// keyboard navigation (arrows to the manager, reports and siblings; Space collapses).
class ChartView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit ChartView(ChartScene *scene, QWidget *parent = nullptr);
    ~ChartView() override;

    ChartScene *chartScene() const { return m_scene; }
    qreal zoom() const;
    void setZoom(qreal zoom);

    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void zoomToActualSize();
    // The first view of a model: the whole chart if it fits readably, else its top.
    void showStartOfChart();
    // Scrolls just enough to show ROLE's card.
    void ensureRoleVisible(RoleIndex role);

    // The role reached by moving from the current one with an arrow key; NoRole if none.
    RoleIndex neighbour(RoleIndex role, Qt::Key key) const;

    // Keeps HEIGHT pixels above the chart for a key to it (the overlap legend), so that the
    // key hides no card; 0 gives them back to the chart.
    void reserveTop(int height);

    // Whether frames are painted as the scene's sketch: zoomed out so far that every card
    // would be a mere block, which the sketch paints without asking Qt for each item.
    bool showsSketch() const;

signals:
    void zoomChanged(qreal zoom);
    // Enter or a double-click: show the role's details.
    void roleActivated(RoleIndex role);
    // A card's context menu is about to open: connected objects may add actions to MENU.
    void roleMenuRequested(QMenu *menu, RoleIndex role);

protected:
    bool event(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void scaleBy(qreal factor);
    void paintSketch(const QPaintEvent &event);
    void onModelReset(bool keptState);
    Document *document() const;

    ChartScene *m_scene;
    bool m_fitPending = false;
    bool m_autoFit = false; // refit when resized, until the user zooms
    bool m_busyUntilPainted = false; // a busy cursor is shown until the next frame is done
    QImage m_sketch; // the viewport's pixels when the sketch is shown
};

} // namespace rolescope
