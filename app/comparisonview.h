#pragma once

#include "app/dutycomparison.h"

#include <QImage>
#include <QLabel>
#include <QWidget>

#include <string>
#include <vector>

class QScrollArea;

namespace rolescope {

class OverlapAnalysis;

// One duty in a comparison column; a duty that matches duties of other columns is filled
// with its group's colour and edged with its accent, a unique one stays plain.
class DutyLabel : public QLabel
{
    Q_OBJECT

public:
    DutyLabel(const QString &text, int group, int color, QWidget *parent = nullptr);

    int group() const { return m_group; } // -1: unique
    // The group's accent colour; invalid for a unique duty.
    QColor highlight() const { return m_accent; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int m_group;
    int m_color;
    QColor m_accent;
};

// Two to four roles side by side, one column each: first the rows of duties that describe
// the same work (aligned across the columns, one colour per row), then each role's own
// duties; above them one summary line per pair of roles. Columns can be moved and closed;
// after a reload the roles that still exist stay. What goes where is DutyComparison's call.
class ComparisonView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int MaxColumns = 4;
    // What a column header carries while it is dragged to another place.
    static constexpr const char *ColumnMimeType = "application/x-rolescope-comparison-column";

    explicit ComparisonView(OverlapAnalysis *analysis, QWidget *parent = nullptr);

    const std::vector<RoleIndex> &roles() const { return m_roles; }
    // Shows ROLES (at most MaxColumns, duplicates dropped) in that order.
    void setRoles(const std::vector<RoleIndex> &roles);
    // Adds a column for ROLE unless it is shown or the view is full.
    void addRole(RoleIndex role);
    void closeColumn(int column);
    void moveColumn(int from, int to);

    const DutyComparison &comparison() const { return m_comparison; }
    QString columnTitle(int column) const;
    // The duties of COLUMN top to bottom: the shared rows, then the role's own duties.
    QList<DutyLabel *> dutyLabels(int column) const;
    // "3 shared · 4 only Sales Manager · 2 only Product Manager", one per pair of columns.
    QStringList summaryLines() const;
    QString summaryText(const PairSummary &summary) const;

    // The summaries and columns without the scroll area, at their full height: what an export
    // of the comparison renders (QWidget::render or grab()).
    QWidget *contentWidget() const { return m_content; }
    // The content as laid out now, at SCALE times its size in pixels, on the base colour.
    QImage renderImage(qreal scale = 1.0) const;

signals:
    void rolesChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The column under X in content coordinates (the nearest one beside the columns).
    int columnAt(int x) const;
    void startDrag(int column);
    void onModelReset();
    void rebuild();
    QWidget *createHeader(int column);
    QWidget *createDutyList(int column, const std::vector<int> &duties, int group);
    QString matchesToolTip(int column, int duty) const;
    QString title(RoleIndex role) const;

    OverlapAnalysis *m_analysis;
    std::vector<RoleIndex> m_roles;
    std::vector<std::string> m_roleIds; // to find the roles again after a reload
    DutyComparison m_comparison;
    QScrollArea *m_scrollArea;
    QWidget *m_content = nullptr;
    std::vector<std::vector<DutyLabel *>> m_labels; // per column, top to bottom
    std::vector<QWidget *> m_headers;
    QPoint m_pressPos;
    int m_pressColumn = -1;
    QStringList m_summaryLines;
};

} // namespace rolescope
