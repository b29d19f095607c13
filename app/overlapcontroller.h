#pragma once

#include "core/model.h"

#include <QObject>

#include <vector>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QTimer;

namespace rolescope {

class ChartView;
class ComparisonView;
class Document;
class OutlineView;
class OverlapAnalysis;
class OverlapDock;
class OverlapLegend;

// Wires the overlap features into the window: the comparison dock (filled by Ctrl+clicking
// roles, "Compare with…" menus or the overlap dock), the overlap dock, and the chart tint with
// its legend. MainWindow only places the docks and actions it provides.
class OverlapController : public QObject
{
    Q_OBJECT

public:
    OverlapController(Document *document, ChartView *chartView, OutlineView *outline,
                      QMainWindow *window);

    OverlapAnalysis *analysis() const { return m_analysis; }
    ComparisonView *comparisonView() const { return m_comparison; }
    OverlapDock *overlapDock() const { return m_overlaps; }
    OverlapLegend *legend() const { return m_legend; }
    QDockWidget *comparisonDockWidget() const { return m_comparisonDock; }
    QDockWidget *overlapDockWidget() const { return m_overlapDock; }
    // Compares the selected roles (View menu).
    QAction *compareAction() const { return m_compareAction; }
    // "Who else does what I do": tints the chart by overlap with the selected role.
    QAction *tintAction() const { return m_tintAction; }

    // Shows ROLES side by side in the comparison dock.
    void compare(const std::vector<RoleIndex> &roles);
    // Shows the list of role pairs, with room for its rows.
    void showOverlapDock();
    // The overlap actions of a role's context menu.
    void addRoleActions(QMenu *menu, RoleIndex role);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onSelectionChanged();
    void updateTint();
    void placeLegend();
    // The role the chart is tinted against: the one selected role, if any.
    RoleIndex tintedRole() const;
    void showFindingProgress();

    void showComparisonDock();

    QMainWindow *m_window;
    Document *m_document;
    ChartView *m_chartView;
    OverlapAnalysis *m_analysis;
    ComparisonView *m_comparison;
    OverlapDock *m_overlaps;
    OverlapLegend *m_legend;
    QTimer *m_findingTimer; // updates the legend's progress while the role's work is found
    QDockWidget *m_comparisonDock;
    QDockWidget *m_overlapDock;
    QAction *m_compareAction;
    QAction *m_tintAction;
};

} // namespace rolescope
