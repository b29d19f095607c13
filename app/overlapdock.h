#pragma once

#include "core/model.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace rolescope {

class OverlapAnalysis;
class RolePairModel;

// The "Overlaps" dock: every pair of roles that share work, highest score first, with a
// filter by title and the minimum score two duties need to overlap. Double-clicking a pair
// (or Enter) asks for their comparison. The pairs are computed when the dock is first shown
// after a model change, not while it is hidden; for a very large model (half a minute and
// gigabytes of work) only when the user asks for them here, with a progress bar and a Stop
// button while it runs.
class OverlapDock : public QWidget
{
    Q_OBJECT

public:
    explicit OverlapDock(OverlapAnalysis *analysis, QWidget *parent = nullptr);
    ~OverlapDock() override;

    RolePairModel *pairModel() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    // The minimum score of an overlap: the model's threshold until the user changes it.
    QDoubleSpinBox *minScoreBox() const { return m_minScore; }

signals:
    void compareRequested(RoleIndex a, RoleIndex b);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void refreshIfStale();
    void showProgress(bool running);
    void applyMinScore();
    void showMinScore();

    RolePairModel *m_model;
    QLineEdit *m_filter;
    QDoubleSpinBox *m_minScore;
    QTimer *m_minScoreTimer; // waits for the user to stop stepping before analysing again
    QTableView *m_table;
    QLabel *m_pending; // while the analysis runs, or before a very large one is started
    QPushButton *m_start; // starts the analysis of a very large model
    QProgressBar *m_progress; // while an analysis runs
    QPushButton *m_stop;      // abandons the analysis of a very large model
    QTimer *m_progressTimer;
    OverlapAnalysis *m_analysis;
    bool m_stale = true;
};

} // namespace rolescope
