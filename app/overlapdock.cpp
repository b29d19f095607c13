#include "app/overlapdock.h"

#include "app/document.h"
#include "app/overlapanalysis.h"
#include "app/rolepairmodel.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace rolescope {

OverlapDock::OverlapDock(OverlapAnalysis *analysis, QWidget *parent)
    : QWidget(parent)
    , m_model(new RolePairModel(analysis, this))
    , m_filter(new QLineEdit)
    , m_minScore(new QDoubleSpinBox)
    , m_minScoreTimer(new QTimer(this))
    , m_table(new QTableView)
    , m_pending(new QLabel)
    , m_start(new QPushButton(tr("Find Overlaps")))
    , m_progress(new QProgressBar)
    , m_stop(new QPushButton(tr("Stop")))
    , m_progressTimer(new QTimer(this))
    , m_analysis(analysis)
{
    m_filter->setPlaceholderText(tr("Filter by role title"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_model, &RolePairModel::setFilterText);

    // Each change analyses the model again, so stepping through values with the arrows waits
    // for a pause; Enter applies at once.
    m_minScore->setRange(0.05, 1.0);
    m_minScore->setSingleStep(0.05);
    m_minScore->setDecimals(2);
    m_minScore->setKeyboardTracking(false);
    m_minScore->setAccelerated(true);
    m_minScoreTimer->setSingleShot(true);
    m_minScoreTimer->setInterval(400);
    connect(m_minScore, &QDoubleSpinBox::valueChanged, m_minScoreTimer,
            qOverload<>(&QTimer::start));
    connect(m_minScoreTimer, &QTimer::timeout, this, &OverlapDock::applyMinScore);
    connect(m_minScore, &QDoubleSpinBox::editingFinished, this, &OverlapDock::applyMinScore);
    showMinScore();

    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RolePairModel::ScoreColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(RolePairModel::FirstRoleColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RolePairModel::SecondRoleColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RolePairModel::ScoreColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RolePairModel::SharedColumn,
                                                      QHeaderView::ResizeToContents);
    // A double-click or Enter (a single click where the platform activates on one).
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit compareRequested(index.data(RolePairModel::FirstRoleRole).toInt(),
                              index.data(RolePairModel::SecondRoleRole).toInt());
    });

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    auto minScoreLabel = new QLabel(tr("&Minimum score:"));
    minScoreLabel->setBuddy(m_minScore);
    filterRow->addWidget(minScoreLabel);
    filterRow->addWidget(m_minScore);
    layout->addLayout(filterRow);
    layout->addWidget(m_pending);
    layout->addWidget(m_start, 0, Qt::AlignLeft);
    auto progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_stop);
    layout->addLayout(progressRow);
    layout->addWidget(m_table);
    m_pending->setObjectName(QStringLiteral("overlapNote"));
    m_pending->setWordWrap(true);
    m_pending->hide();
    m_start->hide();
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_stop->setToolTip(tr("Stop finding overlaps"));
    m_stop->hide();
    connect(m_start, &QPushButton::clicked, this, [this] {
        m_stale = true;
        m_analysis->result(); // starts it
        refreshIfStale();
        m_stop->setFocus(); // the button pressed is gone
    });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        m_analysis->stop();
        m_start->setFocus();
    });
    // The analysis runs on another thread and only says when it is done; its progress is
    // read while it runs.
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        m_progress->setValue(m_analysis->progress());
    });

    const auto markStale = [this] {
        m_stale = true;
        if (isVisible())
            refreshIfStale();
    };
    connect(analysis, &OverlapAnalysis::changed, this, &OverlapDock::showMinScore);
    connect(analysis, &OverlapAnalysis::changed, this, markStale);
    connect(analysis, &OverlapAnalysis::resultReady, this, markStale);
}

// The box loses the focus while QWidget's destructor closes the dock, and its
// editingFinished() must not reach a dock that is no longer one.
OverlapDock::~OverlapDock()
{
    disconnect(m_minScore, nullptr, this, nullptr);
}

void OverlapDock::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshIfStale();
}

void OverlapDock::refreshIfStale()
{
    if (!m_stale)
        return;
    m_stale = false;
    const QString roles = QLocale().toString(m_analysis->document()->model().roleCount());
    if (m_analysis->waitsToBeAsked()) {
        m_model->clear();
        m_pending->setText(tr("Finding every overlap among %1 roles can take a minute and "
                              "gigabytes of memory. Comparing chosen roles and \"Who Else\" "
                              "need only those roles' overlaps, found in seconds.")
                               .arg(roles));
        m_pending->show();
        m_start->show();
        showProgress(false);
        return;
    }
    m_start->hide();
    m_model->refresh();
    m_pending->setVisible(m_analysis->isPending());
    showProgress(m_analysis->isPending());
    m_pending->setText(tr("Finding overlapping duties among %1 roles… The list appears when "
                          "it is done; the window stays usable meanwhile.")
                           .arg(roles));
}

void OverlapDock::applyMinScore()
{
    m_minScoreTimer->stop();
    const double chosen = m_minScore->value();
    // Back at the model's own threshold, the model's setting applies again (and a reload that
    // changes it is followed).
    const bool isModels = qAbs(chosen - m_analysis->modelThreshold()) < 0.005;
    m_analysis->setMinScore(isModels ? std::nullopt : std::optional<double>(chosen));
}

void OverlapDock::showMinScore()
{
    m_minScoreTimer->stop();
    const QSignalBlocker blocker(m_minScore);
    m_minScore->setValue(m_analysis->threshold());
    m_minScore->setToolTip(
        tr("Two duties overlap when their score reaches this. The model's threshold is %1.\n"
           "Lower it for duties written as long statements that list several tasks; raise it "
           "to see only duties worded almost alike.")
            .arg(QLocale().toString(m_analysis->modelThreshold(), 'f', 2)));
}

void OverlapDock::showProgress(bool running)
{
    m_progress->setVisible(running);
    m_progress->setValue(m_analysis->progress());
    m_stop->setVisible(running && m_analysis->canStop());
    if (running)
        m_progressTimer->start();
    else
        m_progressTimer->stop();
}

} // namespace rolescope
